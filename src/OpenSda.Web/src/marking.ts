// The marking banner: the most restrictive releasability of the data on screen, shown top and bottom.
// Each part of the screen (globe, panel, feed) declares the markings of what it shows; restrictiveness is
// the size of the audience a marking names (PUBLIC: everyone; groups count their member organisations).
const parts = new Map<string, Set<string>>();
let groupSizes = new Map<string, number>();

export function setGroups(orgs: { name: string; groups: string[] }[]): void {
  const m = new Map<string, number>();
  for (const o of orgs) for (const g of o.groups) m.set(g, (m.get(g) ?? 0) + 1);
  groupSizes = m;
  render();
}

export function audienceSize(marking: string): number {
  if (marking === 'PUBLIC') return Number.MAX_SAFE_INTEGER;
  const names = marking.replace(/^REL TO /, '').split(',').map(s => s.trim()).filter(Boolean);
  return names.reduce((n, name) => n + (groupSizes.get(name) ?? 1), 0);
}

/** The most restrictive of the markings (PUBLIC when there are none). */
export function highest(markings: Iterable<string>): string {
  let best = 'PUBLIC';
  for (const m of markings) {
    if (!m) continue;
    const a = audienceSize(m), b = audienceSize(best);
    if (a < b || (a === b && m < best && m !== 'PUBLIC')) best = m;
  }
  return best;
}

export function declare(part: string, markings: Iterable<string>): void {
  parts.set(part, new Set(markings));
  render();
}

export function clear(part: string): void {
  parts.delete(part);
  render();
}

export function current(): string {
  const all: string[] = [];
  for (const s of parts.values()) all.push(...s);
  return highest(all);
}

function render(): void {
  const text = current();
  const restricted = text !== 'PUBLIC';
  for (const id of ['banner-top', 'banner-bottom']) {
    const el = document.getElementById(id);
    if (!el) continue;
    el.textContent = text;
    el.dataset.marking = text;
    el.classList.toggle('restricted', restricted);
  }
}
