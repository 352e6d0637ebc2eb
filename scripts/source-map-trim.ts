// The Lambda bundles' source maps keep the mappings of the project's own code only. With
// NODE_OPTIONS=--enable-source-maps (the deployed configuration) Node reads and JSON-parses the whole map when it
// loads the bundle, before the first line runs: on every cold start. Three quarters of a bundle is dependencies
// (AWS SDK, zod, X-Ray, inversify), whose mappings made up ~90 % of the map and point at minified-upstream
// files nobody debugs from a Lambda log. Their spans become explicitly unmapped (a one-field segment), so a frame
// inside a dependency prints its bundle position (`index.mjs:line:column`) instead of borrowing the nearest
// own-code line; frames in our code still print their TypeScript file and line.

export type RawSourceMap = Readonly<{ version: number; sources: string[]; names: string[]; mappings: string }>;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

const decodeSegment = (segment: string): number[] => {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`not a base64 VLQ digit: ${char}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
    } else {
      fields.push(value % 2 ? -Math.floor(value / 2) : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return fields;
};

const encode = (n: number): string => {
  let value = n < 0 ? -n * 2 + 1 : n * 2;
  let out = '';
  do {
    const digit = value % 32;
    value = Math.floor(value / 32);
    out += BASE64[value > 0 ? digit + 32 : digit];
  } while (value > 0);
  return out;
};

/** Drops the mappings into sources `keep` rejects (node_modules by default), and those sources and names. */
export const trimSourceMap = (
  map: RawSourceMap,
  keep: (source: string) => boolean = (s) => !s.includes('node_modules'),
): RawSourceMap => {
  const sourceIndex = map.sources.map((s, i) => (keep(s) ? i : -1));
  const sources = map.sources.filter((s) => keep(s));
  const newSource = new Map(sources.map((s, i) => [s, i]));
  const names: string[] = [];
  const newName = new Map<number, number>();
  const input = { source: 0, line: 0, column: 0, name: 0 };
  const output = { source: 0, line: 0, column: 0, name: 0 };
  const lines = map.mappings.split(';').map((line) => {
    let column = 0;
    let previousColumn = 0;
    let mapped = false; // whether the last segment written on this line maps somewhere
    const segments: string[] = [];
    for (const text of line.split(',')) {
      if (text === '') continue;
      const [dColumn = 0, dSource, dLine = 0, dOriginalColumn = 0, dName] = decodeSegment(text);
      column += dColumn;
      if (dSource !== undefined) {
        input.source += dSource;
        input.line += dLine;
        input.column += dOriginalColumn;
        if (dName !== undefined) input.name += dName;
      }
      if (dSource === undefined || sourceIndex[input.source] === -1) {
        // one unmapped segment ends the previous mapping; a run of dropped ones needs no more
        if (mapped) {
          segments.push(encode(column - previousColumn));
          previousColumn = column;
        }
        mapped = false;
        continue;
      }
      const source = newSource.get(map.sources[input.source] ?? '') ?? 0;
      let out = `${encode(column - previousColumn)}${encode(source - output.source)}${encode(input.line - output.line)}${encode(input.column - output.column)}`;
      Object.assign(output, { source, line: input.line, column: input.column });
      if (dName !== undefined) {
        let name = newName.get(input.name);
        if (name === undefined) {
          name = names.push(map.names[input.name] ?? '') - 1;
          newName.set(input.name, name);
        }
        out += encode(name - output.name);
        output.name = name;
      }
      segments.push(out);
      previousColumn = column;
      mapped = true;
    }
    return segments.join(',');
  });
  return { version: map.version, sources, names, mappings: lines.join(';') };
};
