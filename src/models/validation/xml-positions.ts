/** 1-based line and column; columns count UTF-16 code units, as JavaScript strings do. */
export interface TextPosition {
  line: number;
  column: number;
}

const ID_ATTRIBUTE = /\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Turns offsets in an XML text into line/column positions. Line breaks are
 * `\r\n`, `\r` or `\n`, as saxen (the parser behind bpmn-moddle) counts them.
 * Tables are built lazily, once, in linear time: a valid model that needs no
 * position pays nothing.
 */
export class XmlPositions {
  private lineStarts: number[] | undefined;
  private idOffsets: Map<string, number> | undefined;

  constructor(private readonly xml: string) {}

  /** Position of a UTF-16 offset into the text. */
  at(offset: number): TextPosition {
    const starts = this.getLineStarts();
    const bounded = Math.max(0, Math.min(offset, this.xml.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= bounded) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: bounded - starts[low] + 1 };
  }

  /** Offset of a position given 0-based, as saxen's `getContext()` reports it. */
  offsetOfParserPosition(line: number, column: number): number {
    const starts = this.getLineStarts();
    const start = starts[Math.max(0, Math.min(line, starts.length - 1))];
    return Math.min(start + column, this.xml.length);
  }

  /** Position just after the last character. */
  end(): TextPosition {
    return this.at(this.xml.length);
  }

  /** Position of the start tag (`<`) of the first element whose `id` is `id`. */
  ofElementId(id: string): TextPosition | undefined {
    const offset = this.getIdOffsets().get(id);
    return offset === undefined ? undefined : this.at(offset);
  }

  private getLineStarts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const xml = this.xml;
    for (let i = 0; i < xml.length; i++) {
      const code = xml.charCodeAt(i);
      if (code === 13 /* \r */) {
        if (xml.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (code === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
    return starts;
  }

  private getIdOffsets(): Map<string, number> {
    if (this.idOffsets) return this.idOffsets;
    const offsets = new Map<string, number>();
    for (const match of this.xml.matchAll(ID_ATTRIBUTE)) {
      const id = match[1] ?? match[2];
      if (!offsets.has(id)) {
        offsets.set(id, Math.max(0, this.xml.lastIndexOf('<', match.index)));
      }
    }
    this.idOffsets = offsets;
    return offsets;
  }
}
