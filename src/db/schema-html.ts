// Article fetch state for HTML sources and full text (migration 0004).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HtmlSourceTables {}
