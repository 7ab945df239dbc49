// The interface's own words on the page: headings, widget and metric labels, menu entries, buttons, badges,
// expander titles, the chosen values of select boxes, and chart titles, axis titles, ticks and legends.
() => {
    const groups = {
        heading: '[data-testid="stHeading"]',
        label: '[data-testid="stWidgetLabel"], [data-testid="stMetricLabel"]',
        menu: '[data-testid="stSidebarNavLink"], [data-testid="stNavSectionHeader"]',
        button: 'button, [data-testid^="stBaseLinkButton"]',
        badge: '[data-testid="stBadge"]',
        expander: '[data-testid="stExpander"] summary',
        select: '[data-baseweb="select"] [value], [data-baseweb="select"] div[title], [data-baseweb="tag"]',
        chart: '.js-plotly-plot .gtitle, .js-plotly-plot .g-xtitle, .js-plotly-plot .g-ytitle, '
             + '.js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .legendtext, '
             + '.js-plotly-plot .modebar-btn',
    };
    const textOf = (el, copy) => {
        // innerText of the copy without icons: the copy is not rendered, so take its textContent, which keeps
        // the same words (line breaks aside).
        return copy.textContent || el.innerText || '';
    };
    const out = [];
    for (const [kind, selector] of Object.entries(groups)) {
        for (const el of document.querySelectorAll(selector)) {
            if (el.getClientRects().length === 0 && !el.closest('.js-plotly-plot')) continue;
            // Material icons are ligatures: their names ("download") are text nodes nobody reads.
            const copy = el.cloneNode(true);
            copy.querySelectorAll('[data-testid="stIconMaterial"]').forEach(icon => icon.remove());
            let text = (kind === 'chart' ? copy.textContent : textOf(el, copy)).trim();
            if (el.classList.contains('modebar-btn')) {
                // What the toolbar shows on hover: plotly draws its ::after content from data-title.
                const shown = getComputedStyle(el, '::after').content;
                text = shown && shown !== 'none' && shown !== 'normal' && !shown.startsWith('attr(')
                    ? shown.replace(/^"|"$/g, '') : (el.getAttribute('data-title') || '');
            }
            if (kind === 'select' && !text) text = el.getAttribute('title') || el.getAttribute('value') || '';
            if (text) out.push({kind, text});
        }
    }
    return out;
}
