// Just enough of source maps (v3) to name the source file, line and identifier of a position
// in a built file, for reading CPU profiles of the minified app.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface OriginalPosition {
  source: string;
  line: number;
  name: string | null;
}

type Segment = [number, number, number, number, number | undefined];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = B64_INDEX.get(ch);
    if (digit === undefined) continue;
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export class SourceMap {
  private readonly lines: Segment[][] = [];

  private constructor(
    private readonly sources: string[],
    private readonly names: string[],
    mappings: string,
  ) {
    let src = 0;
    let srcLine = 0;
    let srcCol = 0;
    let name = 0;
    for (const lineText of mappings.split(';')) {
      const segments: Segment[] = [];
      let col = 0;
      for (const seg of lineText.split(',')) {
        if (!seg) continue;
        const v = decodeVlq(seg);
        col += v[0]!;
        if (v.length >= 4) {
          src += v[1]!;
          srcLine += v[2]!;
          srcCol += v[3]!;
          let n: number | undefined;
          if (v.length >= 5) {
            name += v[4]!;
            n = name;
          }
          segments.push([col, src, srcLine, srcCol, n]);
        }
      }
      this.lines.push(segments);
    }
  }

  /** The map of a built file (its "//# sourceMappingURL" or file.map), or null. */
  static forFile(file: string, root: string): SourceMap | null {
    try {
      const text = readFileSync(file, 'utf8');
      const ref = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
      const mapFile = ref && !ref.startsWith('data:') ? join(dirname(file), ref) : `${file}.map`;
      if (!existsSync(mapFile)) return null;
      const raw = JSON.parse(readFileSync(mapFile, 'utf8')) as {
        sources: string[];
        names?: string[];
        mappings: string;
        sourceRoot?: string;
      };
      const base = dirname(mapFile);
      const sources = raw.sources.map((s) => {
        const abs = resolve(base, raw.sourceRoot ?? '', s);
        // A build copied elsewhere keeps its relative paths: cut them back to the repository.
        const rel = relative(root, abs);
        const m = /(?:^|\/)((?:renderer|shared|node_modules|server|main|bench)\/.*)$/.exec(
          rel.replace(/\\/g, '/'),
        );
        return m ? m[1]! : rel;
      });
      return new SourceMap(sources, raw.names ?? [], raw.mappings);
    } catch {
      return null;
    }
  }

  /** 0-based line and column of the built file. */
  lookup(line: number, column: number): OriginalPosition | null {
    const segments = this.lines[line];
    if (!segments || segments.length === 0) return null;
    let lo = 0;
    let hi = segments.length - 1;
    let found: Segment | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segments[mid]![0] <= column) {
        found = segments[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    found ??= segments[0]!;
    return {
      source: this.sources[found[1]] ?? '?',
      line: found[2] + 1,
      name: found[4] === undefined ? null : (this.names[found[4]] ?? null),
    };
  }
}
