import { useRoute } from '../../app/router.js';
import { StationList } from './StationList.js';
import { StationPage } from './StationPage.js';
import './station.css';

/** `#/stations` lists the stations; `#/stations/<id>[/<tab>]` is one station's page. */
export default function StationView() {
  const route = useRoute();
  const [id, tab] = route.params;
  if (!id) return <StationList />;
  return <StationPage key={id} chargePointId={id} tab={tab} />;
}
