// Stories, story items, LSH bands, topics, the classifier (migration 0002).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StoryTables {}
