/**
 * What only the desktop shell does for the console (shared/api/ipc.ts DesktopShellBridge): save a commissioning
 * report as PDF. The report's page comes from the operator API's own route, is printed in a hidden window
 * (report-pdf.ts), and goes where the technician chooses in the save dialog. Only our own window's main frame may
 * ask (Electron security checklist: validate the sender of every IPC message).
 */
import { app, dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DESKTOP_SAVE_REPORT_PDF_CHANNEL, type SaveReportPdfOutcome } from '../../shared/api/ipc.js';
import type { RunningServices } from '../services/start-services.js';
import { htmlToPdf } from './report-pdf.js';
import { checkSaveReportPdfRequest, fetchReportHtml, reportPdfFileName } from './report-pdf-source.js';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function serveDesktopShell(services: RunningServices, ownWindow: () => BrowserWindow | undefined): () => void {
  ipcMain.handle(DESKTOP_SAVE_REPORT_PDF_CHANNEL, async (event: IpcMainInvokeEvent, raw: unknown): Promise<SaveReportPdfOutcome> => {
    const window = ownWindow();
    if (!window || event.sender !== window.webContents || event.senderFrame !== window.webContents.mainFrame)
      throw new Error('Refused: not the console window');
    const request = checkSaveReportPdfRequest(raw);
    if ('refused' in request) return { kind: 'failed', message: request.refused };
    const report = await fetchReportHtml(services.api, request);
    if ('failed' in report) return { kind: 'failed', message: report.failed };
    let pdf: Buffer;
    try {
      pdf = await htmlToPdf(report.html);
    } catch (err) {
      return { kind: 'failed', message: `The report could not be printed to PDF: ${messageOf(err)}` };
    }
    const choice = await dialog.showSaveDialog(window, {
      title: 'Save the commissioning report as PDF',
      defaultPath: join(app.getPath('documents'), reportPdfFileName(request)),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return { kind: 'cancelled' };
    try {
      await writeFile(choice.filePath, pdf);
    } catch (err) {
      return { kind: 'failed', message: `The PDF could not be written to ${choice.filePath}: ${messageOf(err)}` };
    }
    return { kind: 'saved', path: choice.filePath, bytes: pdf.length };
  });
  return () => ipcMain.removeHandler(DESKTOP_SAVE_REPORT_PDF_CHANNEL);
}
