// equals-ignore-case compares character by character (event-ruler expands each pattern character into its lower
// and upper case forms), so folding maps each code point to its simple lower case, never changing the number of
// code points: prefix and suffix comparisons of folded strings stay aligned.

const NON_ASCII = /[^ -~\t\n\r]/; // anything beyond printable ASCII takes the per-code-point path

const foldCodePoint = (c: string): string => {
  const lower = c.toLowerCase();
  // Multi-character lower cases (e.g. "İ" → "i̇") have no per-character equivalent; keep the character.
  return [...lower].length === 1 ? lower : c;
};

export const foldCase = (text: string): string => {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (const c of text) out += foldCodePoint(c);
  return out;
};
