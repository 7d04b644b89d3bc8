// PDF export in the desktop app: the run's HTML report printed by Chromium (printToPDF).
// Wraps a LabService; every other request passes through unchanged.
import type { ChannelName, Req, Res } from '../contract/channels';
import type { LabService } from '../contract/service';

export function withPdfExport(
  service: LabService,
  printHtmlToPdf: (html: string) => Promise<Buffer>,
): LabService {
  return {
    subscribe: (event, listener) => service.subscribe(event, listener),
    async handle<K extends ChannelName>(channel: K, req: Req<K>): Promise<Res<K>> {
      if (channel !== 'runs:export' || (req as Req<'runs:export'>).format !== 'pdf')
        return service.handle(channel, req);
      const r = req as Req<'runs:export'>;
      const html = await service.handle('runs:export', { runId: r.runId, format: 'html' });
      const pdf = await printHtmlToPdf(Buffer.from(html.base64, 'base64').toString('utf8'));
      const out: Res<'runs:export'> = {
        fileName: html.fileName.replace(/\.html?$/i, '') + '.pdf',
        mime: 'application/pdf',
        base64: pdf.toString('base64'),
      };
      return out as Res<K>;
    },
  };
}
