export type MarkupKind = 'tag' | 'comment' | 'cdata' | 'question';

/**
 * Follows saxen through the text so that every event knows its offset.
 * saxen's own `getContext()` recounts lines from the start of the file on
 * each call; called per element it makes a hostile file quadratic (30,000
 * flagged attributes in 1.2 MB took 40 s). This cursor finds each markup's
 * end the way saxen does (quoted attribute values skipped), so the whole
 * pass stays linear.
 *
 * Call `take` once per markup saxen reports, in document order: every
 * `openTag`, every `closeTag` that is not the end of a self-closing tag, and
 * every comment, CDATA section and processing instruction.
 */
export class MarkupCursor {
  private next = 0;

  constructor(private readonly xml: string) {}

  /** Offset where the text after the last markup starts. */
  get textStart(): number {
    return this.next;
  }

  /** Start and end (exclusive) of the next markup, moving past it. */
  take(kind: MarkupKind): { start: number; end: number } {
    const xml = this.xml;
    const start = xml.indexOf('<', this.next);
    if (start < 0) return { start: xml.length, end: xml.length };
    const end = this.endOf(kind, start);
    this.next = end;
    return { start, end };
  }

  private endOf(kind: MarkupKind, start: number): number {
    const xml = this.xml;
    const closing = { comment: '-->', cdata: ']]>', question: '?>' }[
      kind as Exclude<MarkupKind, 'tag'>
    ];
    if (closing) {
      const at = xml.indexOf(closing, start);
      return at < 0 ? xml.length : at + closing.length;
    }
    for (let x = start + 1; x < xml.length; x++) {
      const c = xml.charCodeAt(x);
      if (c === 34 /* " */ || c === 39 /* ' */) {
        const quote = xml.indexOf(c === 34 ? '"' : "'", x + 1);
        if (quote >= 0) x = quote;
      } else if (c === 62 /* > */) {
        return x + 1;
      }
    }
    return xml.length;
  }
}
