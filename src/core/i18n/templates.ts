// Sentence templates: recognise an English sentence the engine or a service wrote ("Could not read
// {what}: {reason}.") and say it in another language with the same figures. Shared by detect-text.ts and
// engine-text.ts.

/** An English template and its translation; `{name}` matches any text, `{name:n}` a number only. */
export type Template = readonly [en: string, ja: string];

interface Compiled {
  re: RegExp;
  names: string[];
}

const cache = new Map<string, Compiled>();

function compile(en: string): Compiled {
  const names: string[] = [];
  const source = en
    .split(/(\{\w+(?::n)?\})/)
    .map((part) => {
      const m = /^\{(\w+)(:n)?\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      // A number-only placeholder lets two placeholders side by side split right ("256" + ", unified").
      return m[2] ? '(\\d+(?:\\.\\d+)?)' : '(.*?)';
    })
    .join('');
  return { re: new RegExp(`^${source}$`, 's'), names };
}

/** The first template whose English matches the whole text, with the placeholders' values. */
export function matchTemplate(list: readonly Template[], text: string): { ja: string; params: Record<string, string> } | null {
  for (const [en, ja] of list) {
    let c = cache.get(en);
    if (!c) cache.set(en, (c = compile(en)));
    const m = c.re.exec(text);
    if (!m) continue;
    const params: Record<string, string> = {};
    c.names.forEach((n, i) => (params[n] = m[i + 1]!));
    return { ja, params };
  }
  return null;
}

export function fillTemplate(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? `{${k}}`);
}
