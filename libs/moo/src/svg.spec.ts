import { kneePoint } from './knee';
import type { Objective, Solution } from './problem';
import { frontSvg } from './svg';
import { zdtFront } from './zdt';

/**
 * XML well-formedness, the part an SVG string can get wrong: one root, every tag closed in
 * order, attributes quoted, no bare '<' or '&' in text or attribute values.
 */
function wellFormedError(xml: string): string | null {
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length) {
    if (xml[i] === '<') {
      token.lastIndex = i;
      const m = token.exec(xml);
      if (!m) return `bad tag at ${i}: ${xml.slice(i, i + 40)}`;
      const [, close, name, attrs, selfClose] = m;
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(attrs)) return `bare & in attributes of <${name}>`;
      if (close) {
        if (stack.pop() !== name) return `</${name}> closes the wrong element`;
      } else {
        if (stack.length === 0) roots++;
        if (!selfClose) stack.push(name);
      }
      i = token.lastIndex;
    } else {
      const next = xml.indexOf('<', i);
      const text = xml.slice(i, next < 0 ? xml.length : next);
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(text)) return `bare & in text at ${i}`;
      if (stack.length === 0 && text.trim() !== '') return 'text outside the root';
      i = next < 0 ? xml.length : next;
    }
  }
  if (stack.length > 0) return `unclosed <${stack.join('>, <')}>`;
  return roots === 1 ? null : `${roots} root elements`;
}

describe('frontSvg', () => {
  const objectives: Objective[] = [
    { name: 'interviews <expected> & more', sense: 'max', unit: '/wk' },
    { name: "hours 'a week'", sense: 'min', unit: 'h' },
  ];
  const front: Solution[] = [
    { x: [], objectives: [0.5, 2], violation: 0 },
    { x: [], objectives: [3, 8], violation: 0 },
    { x: [], objectives: [3.5, 20], violation: 0 },
  ];

  it('is a well-formed standalone SVG with a point per solution, the knee and escaped names', () => {
    const svg = frontSvg(front, objectives, {
      title: 'Plan <A&B>',
      knee: kneePoint(front, objectives)!.solution,
    });
    expect(wellFormedError(svg)).toBeNull();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg).toContain('interviews &lt;expected&gt; &amp; more (/wk)');
    expect(svg).toContain('Plan &lt;A&amp;B&gt;');
    expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|<script/);
  });

  it('draws a reference curve and stays well-formed for an empty front', () => {
    const withTruth = frontSvg(front, objectives, {
      title: 'x',
      reference_curve: zdtFront('zdt1', 50),
    });
    expect(wellFormedError(withTruth)).toBeNull();
    expect(withTruth).toContain('<polyline ');
    expect(wellFormedError(frontSvg([], objectives, { title: 'empty' }))).toBeNull();
  });

  it('the checker itself rejects broken markup', () => {
    expect(wellFormedError('<svg><g></svg>')).not.toBeNull();
    expect(wellFormedError('<svg><text>a & b</text></svg>')).not.toBeNull();
    expect(wellFormedError('<svg a=1></svg>')).not.toBeNull();
    expect(wellFormedError('<svg/><svg/>')).not.toBeNull();
  });
});
