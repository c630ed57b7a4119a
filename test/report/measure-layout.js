// What a reader of the HTML report sees, measured in the page by test/report/html-report-layout.test.ts (which
// evaluates this file's one expression in Chromium): rendered text sizes, page width, table cells, the diagram's box.
(() => {
  const smallText = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (range.getClientRects().length === 0) continue; // not drawn (<title>, hidden)
    const el = node.parentElement;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGGraphicsElement) {
      const m = el.getScreenCTM();
      if (m) size *= Math.hypot(m.a, m.b);
    }
    if (size < 10) smallText.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} ${size.toFixed(1)}px: ${node.textContent.trim().slice(0, 40)}`);
  }
  const rows = [...document.querySelectorAll('table.stack tbody tr')]
    .filter((tr) => tr.querySelectorAll('td').length > 1)
    .map((tr) => {
      const cells = [...tr.querySelectorAll(':scope > td')].map((td) => td.getBoundingClientRect());
      return {
        table: tr.closest('table').className,
        display: getComputedStyle(tr.querySelector('td')).display,
        sideBySide: cells.every((r) => Math.abs(r.top - cells[0].top) < 1),
        stacked: cells.every((r, i) => i === 0 || r.top >= cells[i - 1].bottom - 1),
      };
    });
  const diagram = document.querySelector('svg.diagram');
  const figure = diagram.closest('.figure');
  return {
    viewport: window.innerWidth,
    pageWidth: document.documentElement.scrollWidth,
    smallText,
    rows,
    diagramWidth: diagram.getBoundingClientRect().width,
    figureScrolls: figure.scrollWidth > figure.clientWidth,
    figureOverflowsPage: figure.getBoundingClientRect().right > window.innerWidth,
    text: document.body.innerText,
    svgTitles: [...document.querySelectorAll('svg title')].map((t) => t.textContent).join('\n'),
  };
})()
