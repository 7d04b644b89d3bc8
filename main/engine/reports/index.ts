// Reports of a run: report.json, the self-contained HTML, CSV series and JUnit XML.
export {
  buildReport,
  finalStoresOf,
  type ReportJson,
  type ReportStore,
  type ReportFault,
  type BuildReportExtra,
} from './report-json';
export { renderReportHtml } from './report-html';
export { renderCsv, renderJunit, CSV_HEADER } from './report-csv';
export { pairFaults, faultLabel } from './fault-intervals';
export {
  rowsSeries,
  gaugeSeries,
  gaugesByUnit,
  gaugeSummaries,
  divergenceByStore,
  throughputSeries,
  faultIntervals,
  lttb,
  decimate,
  type NamedSeries,
  type GaugeSeries,
  type GaugeSummary,
  type FaultInterval,
  type Point,
  type XY,
} from './series';
