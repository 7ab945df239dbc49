// Elements whose text is cut off: wider than their box with the overflow hidden, or shown with "…".
// Looks at metric labels and values, menu entries, headings, widget labels, buttons, badges, expander titles
// and the chosen value of select boxes, and at every element inside them (Streamlit truncates inner divs).
() => {
    const roots = [
        '[data-testid="stMetricLabel"]', '[data-testid="stMetricValue"]', '[data-testid="stSidebarNavLink"]',
        '[data-testid="stHeading"]', '[data-testid="stWidgetLabel"]', 'button', '[data-testid="stBadge"]',
        '[data-testid="stExpander"] summary', '[data-baseweb="select"]', '[data-testid="stCaptionContainer"]',
        '[data-testid="stSidebarNavSeparator"]', '[data-testid="stNavSectionHeader"]',
    ];
    const seen = new Set();
    const found = [];
    for (const root of document.querySelectorAll(roots.join(','))) {
        for (const el of [root, ...root.querySelectorAll('*')]) {
            if (seen.has(el) || el.closest('svg')) continue;
            seen.add(el);
            if (el.getClientRects().length === 0) continue;
            const text = (el.innerText || '').trim();
            if (!text || el.tagName === 'INPUT') continue;
            const style = getComputedStyle(el);
            const clipped = el.scrollWidth > el.clientWidth + 1
                && (style.overflowX === 'hidden' || style.overflowX === 'clip' || style.textOverflow === 'ellipsis');
            const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
            if (clipped || own.endsWith('…')) {
                found.push({testid: root.getAttribute('data-testid') || root.tagName, tag: el.tagName,
                            text: text.slice(0, 80), scroll: el.scrollWidth, client: el.clientWidth});
            }
        }
    }
    return found;
}
