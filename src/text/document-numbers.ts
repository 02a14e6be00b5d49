// Numbers of legal documents ("Nghị định số 214/2027/NĐ-CP", "Thông tư 14/2027/TT-BYT", "Quyết định 1234/QĐ-TTg",
// "Nghị quyết 68-NQ/TW"), read from folded syllables, where they arrive as "214 2027 nd cp". Every outlet that
// reports a decree cites its number, so two texts citing different documents and none in common report different
// documents, however alike their wording (two decrees issued the same afternoon).

/** Kinds of document whose numbers are cited: decree, circular, decision, resolution, directive, official dispatch
 * (công điện), notice, joint circular, plan. */
const KINDS = 'nd|tt|qd|nq|ct|cd|tb|ttlt|kh';
// number, an optional year, the kind, the issuer ("cp", "byt", "ttg", "tw", "ubnd"), in folded syllables.
const DOCUMENT_NUMBER = new RegExp(`(?:^| )(\\d{1,5})(?: (?:19|20)\\d\\d)? (${KINDS}) ([a-z][a-z0-9]{0,7})(?= |$)`, 'g');

/** The distinct document numbers a folded text cites, as "214/nd-cp" (the year left out: outlets drop it). */
export function extractDocumentNumbers(tokens: readonly string[]): Set<string> {
  const found = new Set<string>();
  const text = tokens.join(' ');
  for (const match of text.matchAll(DOCUMENT_NUMBER)) found.add(`${Number(match[1])}/${match[2]}-${match[3]}`);
  return found;
}
