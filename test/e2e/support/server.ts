import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient, type ApiClient } from '../../../shared/api/client.js';

const projectRoot = new URL('../../../', import.meta.url).pathname;

export interface ConsoleServer {
  /** The console URL with the token in the fragment, as the server printed it. */
  consoleUrl: string;
  apiUrl: string;
  token: string;
  ocppBaseUrl: string;
  dataDir: string;
  api: ApiClient;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs the headless server as an operator would (`serve`, from source through tsx so no build step is needed
 * besides the console's), on free ports with a fresh data folder, and reads the URLs it prints.
 */
export async function startConsoleServer(extraArgs: string[] = []): Promise<ConsoleServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'csms-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/headless/serve.ts',
      '--data-dir',
      dataDir,
      '--ocpp-host',
      '127.0.0.1',
      '--ocpp-port',
      '0',
      '--api-port',
      '0',
      '--file-port',
      '0',
      '--ftp-port',
      'off',
      '--advertised-host',
      '127.0.0.1',
      ...extraArgs,
    ],
    { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CSMS_START_REASON: 'e2e test', CSMS_PRINT_TOKEN: '1' } },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const started = await new Promise<{ consoleUrl: string; ocppBaseUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 30 s:\n${output}`)), 30_000);
    const check = () => {
      const consoleMatch = /Console: (http:\/\/\S+)/.exec(output);
      const ocppMatch = /(ws:\/\/127\.0\.0\.1:\d+\/ocpp\/)/.exec(output);
      if (consoleMatch && ocppMatch) {
        clearTimeout(timer);
        resolve({ consoleUrl: consoleMatch[1]!, ocppBaseUrl: ocppMatch[1]! });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before starting:\n${output}`));
    });
  });
  const url = new URL(started.consoleUrl);
  const token = decodeURIComponent(/token=([^&]+)/.exec(url.hash)![1]!);
  const apiUrl = url.origin;
  let stopped: Promise<void> | undefined;
  return {
    consoleUrl: started.consoleUrl,
    apiUrl,
    token,
    ocppBaseUrl: started.ocppBaseUrl,
    dataDir,
    api: createApiClient({ baseUrl: apiUrl, token }),
    output: () => output,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }).then(() => rmSync(dataDir, { recursive: true, force: true }));
      return stopped;
    },
  };
}
