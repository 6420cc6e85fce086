export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | ((e: Event) => void)> = {}, ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') e.addEventListener(k.replace(/^on/, ''), v as EventListener);
    else if (typeof v === 'boolean') { if (v) e.setAttribute(k, ''); }
    else e.setAttribute(k, String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
export const isoShort = (s: string) => s.replace(/\.\d+Z$/, 'Z').replace('T', ' ');

export function download(name: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A sortable, filterable table: column headers are buttons (aria-sort), rows are focusable and move with arrow keys. */
export interface Column<T> { key: string; label: string; value: (r: T) => string | number | null; render?: (r: T) => string }

export function sortableTable<T>(caption: string, cols: Column<T>[], rows: T[], onOpen: (r: T) => void, testId: string): HTMLElement {
  let sortKey = cols[0].key, dir = 1;
  const table = h('table', { class: 'grid-table', 'data-testid': testId });
  table.append(h('caption', { class: 'sr-only' }, caption));
  const thead = h('thead'), tbody = h('tbody');
  table.append(thead, tbody);
  const draw = () => {
    thead.replaceChildren(h('tr', {}, ...cols.map(c => {
      const th = h('th', { scope: 'col', 'aria-sort': c.key === sortKey ? (dir > 0 ? 'ascending' : 'descending') : 'none' });
      th.append(h('button', { type: 'button', class: 'sort', 'data-col': c.key, onclick: () => { if (sortKey === c.key) dir = -dir; else { sortKey = c.key; dir = 1; } draw(); } },
        c.label, c.key === sortKey ? (dir > 0 ? ' ▲' : ' ▼') : ''));
      return th;
    })));
    const col = cols.find(c => c.key === sortKey)!;
    const sorted = [...rows].sort((a, b) => {
      const x = col.value(a), y = col.value(b);
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
    tbody.replaceChildren(...sorted.map(r => {
      const tr = h('tr', { tabindex: 0, class: 'row' });
      tr.addEventListener('click', () => onOpen(r));
      tr.addEventListener('keydown', e => {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onOpen(r); }
        else if (e.key === 'ArrowDown') { e.preventDefault(); (tr.nextElementSibling as HTMLElement | null)?.focus(); }
        else if (e.key === 'ArrowUp') { e.preventDefault(); (tr.previousElementSibling as HTMLElement | null)?.focus(); }
      });
      for (const c of cols) tr.append(h('td', { 'data-col': c.key }, c.render ? c.render(r) : String(c.value(r) ?? '')));
      return tr;
    }));
  };
  draw();
  return table;
}
