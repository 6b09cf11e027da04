import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { LISTENERS, listenOn } from '../csms/network.js';
import type { CentralSystem } from '../csms/central-system.js';
import type { OperatorOperations } from '../csms/operations/operator-operations.js';
import type { FileServices } from '../csms/files/index.js';
import { followForAudit } from './audit.js';
import { originAllowed, presentedToken, tokenMatches } from './auth.js';
import { createApiContext } from './context.js';
import { ApiHttpError, sendError, sendJson } from './http.js';
import { httpServerLimitOptions } from '../csms/server/limits.js';
import { defaultConsoleDir, serveConsoleFile } from './console-files.js';
import { HANDLED, Reply, Router } from './router.js';
import { callRoutes } from './routes/calls.js';
import { chargePointRoutes } from './routes/charge-points.js';
import { fileRoutes } from './routes/files.js';
import { idTagRoutes } from './routes/id-tags.js';
import { backupRoutes } from './routes/backups.js';
import { localListRoutes } from './routes/local-lists.js';
import { messageLogRoutes } from './routes/message-log.js';
import { operationsStateRoutes } from './routes/operations-state.js';
import { settingsRoutes } from './routes/settings.js';
import { smartChargingRoutes } from './routes/smart-charging.js';
import { transactionRoutes } from './routes/transactions.js';
import { transactionExtraRoutes } from './routes/transaction-extras.js';
import { energyReportRoutes } from './routes/energy-reports.js';
import { anomalyRoutes } from './routes/anomalies.js';
import { securityRoutes } from './routes/security.js';
import { simulationRunRoutes } from './routes/simulation-runs.js';
import { simulatorRoutes } from './routes/simulators.js';
import { siteRoutes } from './routes/sites.js';
import { configurationBaselineRoutes } from './routes/configuration-baselines.js';
import { commissioningRoutes } from './routes/commissioning.js';
import { startupInfoRoutes } from './routes/startup-info.js';
import { auditRoutes } from './routes/audit.js';
import type { CommissioningWaits } from '../csms/commissioning/check-context.js';
import type { SimulationRuns } from '../services/simulation-runs.js';
import type { SimulatorFleet } from '../services/simulator-fleet.js';
import { SseHub, type SseOptions } from './sse.js';
import { loadOrCreateApiToken } from './token.js';

export interface ApiServerOptions {
  csms: CentralSystem;
  operations: OperatorOperations;
  /** The file services; without them the firmware/uploads routes answer 503 API_ERR_UNAVAILABLE. */
  files?: FileServices;
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** The bearer token; default: the stored one (created on first run). */
  token?: string;
  sse?: SseOptions;
  /** Folder of the built console served at `/`; default dist/renderer when built; null = no console. */
  consoleDir?: string | null;
  logger?: Pick<Console, 'error'>;
  /** Simulated stations started from the console (main/services/simulator-fleet.ts); without: 503 on their routes. */
  simulators?: SimulatorFleet;
  /** Scenario runs and replays (main/services/simulation-runs.ts); without: 503 on their routes. */
  simulationRuns?: SimulationRuns;
  /** Shorter waits of the commissioning checks (tests); default: the ones docs/api.md "Commissioning" states. */
  commissioningWaits?: Partial<CommissioningWaits>;
}

export interface ApiServer {
  port: number;
  host: string;
  /** http://host:port */
  url: string;
  /** The token in force (changes when rotated). */
  readonly token: string;
  close(): Promise<void>;
}

export function createApiRouter(): Router {
  const router = new Router();
  callRoutes(router);
  chargePointRoutes(router);
  idTagRoutes(router);
  transactionRoutes(router);
  transactionExtraRoutes(router);
  energyReportRoutes(router);
  anomalyRoutes(router);
  messageLogRoutes(router);
  settingsRoutes(router);
  operationsStateRoutes(router);
  fileRoutes(router);
  smartChargingRoutes(router);
  siteRoutes(router);
  configurationBaselineRoutes(router);
  commissioningRoutes(router);
  localListRoutes(router);
  backupRoutes(router);
  securityRoutes(router);
  // Before the simulator routes: /api/simulators/scenarios is not a simulator id.
  simulationRunRoutes(router);
  simulatorRoutes(router);
  startupInfoRoutes(router);
  auditRoutes(router);
  return router;
}

/** The operator API over local HTTP: JSON routes, CSV/NDJSON exports and the SSE change stream, behind a bearer token. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { csms } = options;
  const logger = options.logger ?? console;
  const sse = new SseHub(csms.events, options.sse);
  const ctx = createApiContext({
    csms,
    operations: options.operations,
    sse,
    token: options.token ?? (await loadOrCreateApiToken(csms.services.settings)),
    files: options.files,
    simulators: options.simulators,
    simulationRuns: options.simulationRuns,
    ...(options.commissioningWaits ? { commissioningWaits: options.commissioningWaits } : {}),
  });
  const router = createApiRouter();
  const consoleDir = options.consoleDir === null ? undefined : (options.consoleDir ?? defaultConsoleDir());

  // Oversized heads get 431 and slow ones 408 (Node answers these itself: no clientError listener here).
  // requestTimeout only covers receiving the request, so the long-lived SSE responses are unaffected.
  const server = createServer(httpServerLimitOptions(csms.limits), (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof ApiHttpError) {
        if (!res.headersSent) sendError(res, err.status, err.code, err.message, err.details);
        else res.destroy();
        return;
      }
      logger.error('[api] request failed:', err);
      if (!res.headersSent) sendError(res, 500, 'API_ERR_INTERNAL', 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!originAllowed(req)) throw new ApiHttpError(403, 'API_ERR_FORBIDDEN_ORIGIN', 'Cross-origin requests are not allowed');
    const method = req.method ?? 'GET';
    // The console's own files need no token (they hold no data); everything under /api does.
    if (!url.pathname.startsWith('/api/') && url.pathname !== '/api' && (method === 'GET' || method === 'HEAD') && consoleDir) {
      if (serveConsoleFile(consoleDir, url.pathname, method, res)) return;
    }
    if (!url.pathname.startsWith('/api/') && url.pathname !== '/api')
      throw new ApiHttpError(404, 'API_ERR_NOT_FOUND', `No such file ${url.pathname}`);
    const isEvents = url.pathname === '/api/events' && method === 'GET';
    // Authenticate before routing: without the token nothing is revealed, not even which routes exist.
    if (!tokenMatches(presentedToken(req, url.searchParams, isEvents), ctx.token.current)) {
      res.setHeader('www-authenticate', 'Bearer realm="ocpp-operator-api"');
      throw new ApiHttpError(401, 'API_ERR_UNAUTHORIZED', 'Missing or wrong API token (Authorization: Bearer <token>)');
    }
    // Every change made with the token is kept in the audit trail, with the client that made it (main/api/audit.ts).
    if (method !== 'GET' && method !== 'HEAD') {
      followForAudit(req, res, url, (entry) => ctx.audit.record(entry));
    }
    const match = router.match(method, url.pathname);
    if (match.kind === 'none') throw new ApiHttpError(404, 'API_ERR_NOT_FOUND', `No route ${method} ${url.pathname}`);
    if (match.kind === 'method') {
      res.setHeader('allow', match.allowed.join(', '));
      throw new ApiHttpError(405, 'API_ERR_METHOD_NOT_ALLOWED', `${method} is not allowed on ${url.pathname}`);
    }
    const result = await match.handler({ req, res, params: match.params, query: url.searchParams, ctx });
    if (result === HANDLED) return;
    if (result instanceof Reply) {
      if (result.status === 204 || result.body === undefined) {
        res.writeHead(result.status, { 'cache-control': 'no-store' });
        res.end();
      } else sendJson(res, result.status, result.body);
      return;
    }
    sendJson(res, 200, result);
  }

  const host = options.host ?? csms.startup.apiHost;
  const { port } = await listenOn(server, { port: options.port ?? csms.startup.apiPort, host }, LISTENERS.api);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  return {
    port,
    host,
    url: `http://${urlHost}:${port}`,
    get token() {
      return ctx.token.current;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        sse.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
