import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** The console's views, in navigation order. `view` is the first segment of the hash route. */
export interface ViewEntry {
  view: string;
  label: string;
  component: LazyExoticComponent<ComponentType>;
}

export const VIEWS: ViewEntry[] = [
  { view: '', label: 'Overview', component: lazy(() => import('../views/overview/OverviewView.js')) },
  { view: 'stations', label: 'Stations', component: lazy(() => import('../views/station/StationView.js')) },
  { view: 'transactions', label: 'Transactions', component: lazy(() => import('../views/transactions/TransactionsView.js')) },
  { view: 'energy', label: 'Energy reports', component: lazy(() => import('../views/energy/EnergyReportView.js')) },
  { view: 'id-tags', label: 'Id tags', component: lazy(() => import('../views/id-tags/IdTagsView.js')) },
  { view: 'reservations', label: 'Reservations', component: lazy(() => import('../views/reservations/ReservationsView.js')) },
  { view: 'local-lists', label: 'Local lists', component: lazy(() => import('../views/local-lists/LocalListsView.js')) },
  { view: 'charging-profiles', label: 'Charging profiles', component: lazy(() => import('../views/charging-profiles/ChargingProfilesView.js')) },
  { view: 'sites', label: 'Sites', component: lazy(() => import('../views/sites/SitesView.js')) },
  { view: 'baselines', label: 'Baselines', component: lazy(() => import('../views/baselines/BaselinesView.js')) },
  { view: 'files', label: 'Firmware & diagnostics', component: lazy(() => import('../views/files/FilesView.js')) },
  { view: 'message-log', label: 'Message log', component: lazy(() => import('../views/message-log/MessageLogView.js')) },
  { view: 'doctor', label: 'Connection doctor', component: lazy(() => import('../views/doctor/DoctorView.js')) },
  { view: 'simulator', label: 'Simulated stations', component: lazy(() => import('../views/simulator/SimulatorView.js')) },
  { view: 'scenarios', label: 'Scenarios & replay', component: lazy(() => import('../views/scenarios/ScenariosView.js')) },
  { view: 'audit', label: 'Audit trail', component: lazy(() => import('../views/audit/AuditView.js')) },
  { view: 'settings', label: 'Settings', component: lazy(() => import('../views/settings/SettingsView.js')) },
];
