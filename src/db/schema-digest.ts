// Subscribers, editions, deliveries (migration 0003).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DigestTables {}
