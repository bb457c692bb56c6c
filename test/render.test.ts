/** Charts (Vega-Lite → SVG), HTML templating with Dutch filters, and the progress reporter. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { barChart, renderVegaLite, setChartCaching, trendChart, type TrendChartInput } from '../pipeline/render/charts.ts';
import { textWidth } from '../pipeline/render/fonts.ts';
import { aandeel, bedrag, cel, datum, getal, procent } from '../pipeline/format/index.ts';
import { renderString, renderTemplate } from '../pipeline/render/html.ts';
import { Progress } from '../pipeline/progress.ts';

const YEARS = ['2020/2021', '2021/2022', '2022/2023', '2023/2024', '2024/2025'];

function rates(gemeente = 'Haarlem'): TrendChartInput {
  return {
    title: 'Absoluut verzuim',
    unit: 'per 1.000 leerplichtigen',
    mode: 'line',
    series: [
      { label: gemeente, points: YEARS.map((y, i) => ({ schooljaar: y, value: i === 2 ? null : [2.1, 2.6, 0, 3.0, 3.4][i], suppressed: i === 2 })) },
      { label: 'Regio Zuid-Kennemerland', points: YEARS.map((y, i) => ({ schooljaar: y, value: [2.8, 2.9, 3.1, 2.7, 3.0][i], suppressed: false })) },
    ],
  };
}

/** The text content of the SVG's <text> elements. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

/** Strips the per-chart id prefix so two renders can be compared. */
function normalise(svg: string): string {
  return svg.replace(/c[0-9a-z]+-(clip\d+|gradient\d+|[a-z]+\d+)/g, '$1');
}

describe('charts', () => {
  it('renders a trend line chart with Dutch numbers and a Dutch alt text', async () => {
    const c = await trendChart(rates());
    expect(c.svg.startsWith('<svg')).toBe(true);
    expect(c.width).toBe(640);
    const t = texts(c.svg);
    expect(t).toContain('3,4'); // value label, decimal comma
    expect(t).toContain('2020/2021');
    expect(t).toContain('Haarlem'); // legend
    expect(c.svg).toContain('Liberation Sans');
    expect(c.alt).toMatch(/^Lijngrafiek: absoluut verzuim \(per 1\.000 leerplichtigen\), 2020\/2021 tot 2024\/2025; Haarlem van 2,1 naar 3,4; Regio Zuid-Kennemerland van 2,8 naar 3,0\./);
    expect(c.alt).toContain('Niet getoond wegens kleine aantallen (<5): Haarlem 2022/2023');
    expect(c.table.head).toEqual(['', ...YEARS]);
    expect(c.table.rows[0]).toEqual(['Haarlem', '2,1', '2,6', '<5', '3,0', '3,4']);
  });

  it('never plots a suppressed value as a number, and marks it with the given label', async () => {
    const input = rates();
    // The suppressed point carries a (secret) value: it must not leak into the chart.
    input.series[0].points[2] = { schooljaar: '2022/2023', value: 4.2, suppressed: true };
    input.suppressedLabel = '<5';
    const c = await trendChart(input);
    const t = texts(c.svg);
    expect(t).not.toContain('4,2');
    expect(c.svg).not.toContain('4,2');
    expect(t.filter((x) => x === '&lt;5')).toHaveLength(1);
    // Halfway up the plot (220 high), not on the baseline where it read as a point at 0.
    const y = Number(/translate\([\d.]+,([\d.]+)\)"[^>]*>&lt;5</.exec(c.svg)?.[1]);
    expect(y).toBeGreaterThan(0.35 * 220);
    expect(y).toBeLessThan(0.65 * 220);
    // Haarlem has 4 plotted points (visible symbols), the region 5.
    const groups = [...c.svg.matchAll(/<g class="mark-symbol role-mark[^"]*">(.*?)<\/g>/g)].map((m) => m[1]);
    const visible = groups.flatMap((g) => g.match(/<path [^>]*opacity="1"/g) ?? []);
    expect(visible.filter((p) => p.includes('fill="#1f5fa8"'))).toHaveLength(4);
    expect(visible.filter((p) => p.includes('fill="#d9730d"'))).toHaveLength(5);
    expect(c.table.rows[0][3]).toBe('<5');
    expect(c.alt).not.toContain('4,2');
  });

  it('puts the label of a value on the baseline above its point, not over the year on the axis', async () => {
    const input = rates();
    input.series[0].points = YEARS.map((y) => ({ schooljaar: y, value: 0, suppressed: false }));
    const c = await trendChart(input);
    const ys = [...c.svg.matchAll(/translate\([\d.]+,([\d.]+)\)"[^>]*>0,0</g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(5);
    // Haarlem's points, all on the baseline: every label above them (a smaller y), none below.
    const symbols = [...c.svg.matchAll(/<g class="mark-symbol role-mark[^"]*">(.*?)<\/g>/g)].map((m) => m[1]).join('');
    const baseline = Math.max(...[...symbols.matchAll(/translate\([\d.]+,([\d.]+)\)[^>]*fill="#1f5fa8"/g)].map((m) => Number(m[1])));
    expect(baseline).toBeGreaterThan(100);
    for (const y of ys) expect(y).toBeLessThan(baseline);
  });

  it('formats thousands with a dot, in small multiples for very different magnitudes', async () => {
    const c = await trendChart({
      title: 'Leerplichtigen',
      unit: 'aantal',
      series: [
        { label: 'Bloemendaal', points: YEARS.map((y, i) => ({ schooljaar: y, value: 1234 + i, suppressed: false })) },
        { label: 'Regio', points: YEARS.map((y, i) => ({ schooljaar: y, value: 23456 + i * 100, suppressed: false })) },
      ],
    });
    const t = texts(c.svg);
    expect(t).toContain('1.234');
    expect(t).toContain('23.456');
    expect(c.alt).toMatch(/^Lijngrafieken \(elk met eigen schaal\)/);
    expect(c.alt).toContain('Bloemendaal van 1.234 naar 1.238');
  });

  it('gives a panel whose every year is suppressed no y axis (no lone 0 beside its "<5" labels)', async () => {
    const c = await trendChart({
      title: 'Processen-verbaal tegen ouders',
      unit: 'aantal acties',
      mode: 'small-multiples',
      series: [
        { label: 'Uitgeest', points: YEARS.map((y) => ({ schooljaar: y, value: null, suppressed: true })) },
        { label: 'Regio West Kennemerland', points: YEARS.map((y, i) => ({ schooljaar: y, value: [50, 39, 53, 57, 56][i], suppressed: false })) },
      ],
    });
    // One y axis (its title once), the region's; Uitgeest's panel (its texts come before its heading) shows the
    // years and five "<5", no tick value.
    const t = texts(c.svg);
    expect(t.filter((x) => x === 'aantal acties')).toHaveLength(1);
    const uitgeest = t.slice(0, t.indexOf('Uitgeest'));
    expect(uitgeest).toEqual(['20/21', '21/22', '22/23', '23/24', '24/25', '&lt;5', '&lt;5', '&lt;5', '&lt;5', '&lt;5']);
    expect(t.slice(t.indexOf('Uitgeest'))).toContain('0');
    expect(c.table.rows[0]).toEqual(['Uitgeest', '<5', '<5', '<5', '<5', '<5']);
  });

  it('renders grouped bars and horizontal bars; escapes labels', async () => {
    const g = await trendChart({ ...rates(), mode: 'bar' });
    expect(texts(g.svg)).toContain('3,4');
    expect(g.alt.startsWith('Staafdiagram:')).toBe(true);
    const b = await barChart({
      title: 'Vrijstellingen naar grond',
      unit: 'aantal',
      categories: [
        { label: 'Art. 5 onder a', value: 1234, suppressed: false },
        { label: 'Art. 5 onder b <script>', value: 3, suppressed: true },
        { label: 'Art. 15', value: null, suppressed: false },
      ],
    });
    const t = texts(b.svg);
    expect(t).toContain('1.234');
    expect(t).toContain('&lt;5');
    expect(t).not.toContain('3');
    expect(b.svg).not.toContain('<script>');
    expect(b.svg).toContain('Art. 5 onder b &lt;script&gt;');
    expect(b.alt).toBe('Staafdiagram: vrijstellingen naar grond (aantal); Art. 5 onder a 1.234; Art. 5 onder b <script> <5; Art. 15 –.');
    expect(b.table.rows).toEqual([
      ['Art. 5 onder a', '1.234'],
      ['Art. 5 onder b <script>', '<5'],
      ['Art. 15', '–'],
    ]);
  });

  it('reuses cached Views without carrying anything over from the previous chart', async () => {
    const absolute = (names: string[], scale: number): TrendChartInput => ({
      title: 'Leerplichtigen',
      unit: 'aantal',
      mode: 'small-multiples',
      series: names.map((label, k) => ({ label, points: YEARS.map((y, i) => ({ schooljaar: y, value: (k + 1) * scale + i, suppressed: k === 1 && i === 4 })) })),
    });
    const bars = (names: string[]) => ({ title: 'x', unit: 'aantal', categories: names.map((label, i) => ({ label, value: i === 1 ? null : 10 ** i, suppressed: i === 1 })) });
    // Sequences of charts of one shape but different data (labels of other lengths, other magnitudes).
    const sequences: (() => Promise<{ svg: string }>)[][] = [
      [() => trendChart(rates('Haarlem')), () => trendChart(rates('Zandvoort aan Zee'))],
      [() => trendChart({ ...rates('Haarlem'), mode: 'bar' }), () => trendChart({ ...rates('Velsen-Zuid en omstreken'), mode: 'bar' })],
      [() => trendChart(absolute(['Haarlem', 'Regio'], 1000)), () => trendChart(absolute(['Zandvoort aan Zee', 'Regio Zuid-Kennemerland'], 20))],
      [() => barChart(bars(['kort', 'langer label', 'x'])), () => barChart(bars(['een heel lang categorielabel', 'b', 'c']))],
    ];
    try {
      const cached: string[] = [];
      for (const seq of sequences) for (const f of [...seq, seq[0]]) cached.push(normalise((await f()).svg));
      setChartCaching(false);
      const fresh: string[] = [];
      for (const seq of sequences) for (const f of [...seq, seq[0]]) fresh.push(normalise((await f()).svg));
      expect(cached).toHaveLength(fresh.length);
      cached.forEach((svg, i) => expect(svg, `chart ${i}`).toBe(fresh[i]));
    } finally {
      setChartCaching(true);
    }
    // Concurrent renders on one cached View are serialised.
    const many = await Promise.all(['A', 'B', 'C', 'D'].map((n) => trendChart(rates(`Gemeente ${n}`))));
    many.forEach((c, i) => expect(c.svg).toContain(`Gemeente ${'ABCD'[i]}`));
  });

  it('draws small multiples with a heading per panel, near the content width', async () => {
    for (const n of [2, 3]) {
      const c = await trendChart({
        title: 'Leerplichtigen',
        unit: 'aantal',
        mode: 'small-multiples',
        series: ['Haarlem', 'Zandvoort', 'Regio'].slice(0, n).map((label, k) => ({ label, points: YEARS.map((y, i) => ({ schooljaar: y, value: 100 * (k + 1) + i, suppressed: false })) })),
      });
      expect(c.width).toBeGreaterThan(560);
      expect(c.width).toBeLessThan(700);
      for (const label of ['Haarlem', 'Zandvoort', 'Regio'].slice(0, n)) expect(texts(c.svg)).toContain(label);
    }
  });

  it('gives every chart its own SVG ids', async () => {
    const spec = { width: 100, height: 50, data: { values: [{ x: 1, y: 2 }, { x: 3, y: 9 }] }, mark: { type: 'line', clip: true }, encoding: { x: { field: 'x', type: 'quantitative', scale: { domain: [0, 2] } }, y: { field: 'y', type: 'quantitative' } } };
    const a = await renderVegaLite(spec);
    const b = await renderVegaLite(spec);
    const ids = (s: string) => [...s.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(a.svg)).toHaveLength(1);
    expect(a.svg).toContain(`clip-path="url(#${ids(a.svg)[0]})"`);
    expect(ids(b.svg)[0]).not.toBe(ids(a.svg)[0]);
  });

  it('measures text with the real font metrics', () => {
    // Liberation Sans is metric-compatible with Arial: H 722 + a 556 + a 556 + r 333 + l 222 + e 556 + m 833 = 3778/1000 em.
    expect(textWidth('Haarlem', 10)).toBeCloseTo(37.79, 1);
    expect(textWidth('Haarlem', 10, { bold: true })).toBeGreaterThan(textWidth('Haarlem', 10));
    expect(textWidth('', 10)).toBe(0);
  });
});

describe('Dutch formatting', () => {
  it('getal, procent, aandeel, bedrag', () => {
    expect(getal(1234)).toBe('1.234');
    expect(getal(1234567.891, 2)).toBe('1.234.567,89');
    expect(getal(3.45, 1)).toBe('3,5');
    expect(getal(3, 1, 1)).toBe('3,0');
    expect(getal(12345678901234567890n)).toBe('12.345.678.901.234.567.890');
    expect(getal(null)).toBe('–');
    expect(procent(12.345)).toBe('12,3%');
    expect(aandeel(0.5)).toBe('50,0%');
    expect(bedrag(1234.5)).toBe('€\u00a01.234,50');
    expect(() => getal('abc')).toThrow(/not a number/);
  });

  it('datum without time-zone surprises', () => {
    expect(datum('2025-10-15')).toBe('15 oktober 2025');
    expect(datum('2025-01-01')).toBe('1 januari 2025');
    expect(datum('2025-12-31T23:30:00+01:00')).toBe('31 december 2025');
    expect(datum(new Date(Date.UTC(2025, 2, 1)))).toBe('1 maart 2025');
    expect(datum('2025-10-05', 'kort')).toBe('05-10-2025');
    expect(() => datum('15-10-2025')).toThrow(/YYYY-MM-DD/);
  });

  it('published cells', () => {
    expect(cel({ value: 1234, suppressed: false })).toBe('1.234');
    expect(cel({ value: null, suppressed: true })).toBe('<5');
    expect(cel({ value: 3, suppressed: true, label: '<10' })).toBe('<10');
    expect(cel({ value: null, suppressed: false })).toBe('–');
    expect(cel({ value: 2.25, suppressed: false }, 1)).toBe('2,3');
  });
});

describe('templates', () => {
  it('escapes context values and filters them the Dutch way', () => {
    const out = renderString('<p>{{ naam }}</p><p>{{ n | getal }} / {{ d | datum }} / {{ c | cel }} / {{ b | bedrag }}</p>', {
      naam: '<script>alert("x")</script> & Co',
      n: 1234,
      d: '2025-10-15',
      c: { value: 2, suppressed: true },
      b: 1234.56,
    });
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(out).not.toContain('<script>');
    expect(out).toContain('1.234 / 15 oktober 2025 / &lt;5 / €\u00a01.234,56');
  });

  it('throws on undefined variables', () => {
    expect(() => renderString('{{ nergens }}', {})).toThrow();
  });

  it('renders Markdown safely', () => {
    const out = renderString('{{ t | markdown }}', {
      t: '# Kop\n\nTekst met **nadruk** en <script>alert(1)</script>, <img src=x onerror=alert(1)> en [link](javascript:alert(1)).\n\n![beeld](https://example.org/x.png)',
    });
    expect(out).toContain('<h3>Kop</h3>'); // '#' → h3 by default
    expect(out).toContain('<strong>nadruk</strong>');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('href="javascript:');
    expect(renderString('{{ t | markdown(2) }}', { t: '# A' })).toContain('<h2>A</h2>');
  });

  it('base.njk: Dutch A4 document with title, the installed fonts, cover and figure', async () => {
    const chart = await trendChart(rates());
    const html = renderString(
      '{% extends "base.njk" %}{% block content %}<h1>Verzuim</h1>{{ figuur({ chart: chart, titel: "Absoluut verzuim", nummer: 2, bron: "Leerplichtadministratie" }) }}{{ placeholder("Toelichting volgt") }}{% endblock %}',
      { title: 'Jaarverslag 2024/2025 – Haarlem & Heemstede', chart, cover: { titel: 'Jaarverslag', ondertitel: 'Haarlem' } },
    );
    const has = (s: string) => expect(html.includes(s), s).toBe(true);
    expect(html.startsWith('<!DOCTYPE html>\n'), 'doctype first').toBe(true);
    has('<html lang="nl">');
    has('<title>Jaarverslag 2024/2025 – Haarlem &amp; Heemstede</title>');
    has("font-family:'Liberation Sans'");
    has("src:local('Liberation Sans'),local('LiberationSans-Regular');");
    expect(html.includes('data:font/ttf;base64,'), 'fonts are not inlined by default').toBe(false);
    has('thead {\n  display: table-header-group;');
    has('<section class="cover"');
    has(`role="img" aria-label="${chart.alt.replace(/</g, '&lt;')}"`);
    has('<span class="figuur-nummer">Figuur 2</span> Absoluut verzuim');
    has('<table class="grafiek-data">');
    has('<p class="bron">Bron: Leerplichtadministratie</p>');
    has('<div class="placeholder" role="note">Toelichting volgt</div>');
    // Without a cover context there is no cover page.
    expect(renderTemplate('base.njk', { title: 'x' })).not.toContain('class="cover"');
  });
});

describe('progress', () => {
  function capture(tty: boolean) {
    const stream = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
    let out = '';
    stream.on('data', (d) => (out += d));
    stream.columns = 100;
    return { stream, tty, get out() { return out; } };
  }

  it('prints plain lines when not on a TTY', () => {
    const c = capture(false);
    const p = new Progress({ stream: c.stream, tty: false });
    p.stage('SQL').done();
    const bar = p.bar('PDF', 20);
    for (let i = 0; i < 20; i++) bar.tick();
    bar.done();
    p.warn('let op');
    const summary = p.summary();
    expect(c.out).toContain('▸ SQL\n');
    expect(c.out).toMatch(/✓ SQL \(\d+ ms\)\n/);
    expect(c.out).toContain('PDF: 20/20 (100%)');
    expect(c.out.match(/PDF: /g)!.length).toBeLessThanOrEqual(11);
    expect(c.out).not.toContain('\r');
    expect(c.out).toContain('warning: let op');
    expect(summary).toMatch(/SQL\s+\d+ ms/);
    expect(p.timings.map((t) => t.name)).toEqual(['SQL']);
  });

  it('redraws in place on a TTY, and is silent when quiet (except warnings)', () => {
    const c = capture(true);
    const p = new Progress({ stream: c.stream, tty: true });
    const bar = p.bar('PDF', 3);
    bar.tick();
    bar.tick();
    bar.tick();
    bar.done();
    expect(c.out).toContain('\r\x1b[K');
    expect(c.out).toContain('3/3');
    const q = capture(true);
    const quiet = new Progress({ stream: q.stream, tty: true, quiet: true });
    quiet.stage('x');
    quiet.bar('y', 2).tick();
    quiet.summary();
    quiet.warn('w');
    expect(q.out).toBe('warning: w\n');
  });
});
