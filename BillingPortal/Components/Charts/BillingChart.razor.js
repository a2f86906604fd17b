// Draws BillingChart's ApexCharts charts. apexcharts.min.js (vendored 4.7.0, MIT) is loaded once, on demand.
const charts = new WeakMap();
let loading;

function loadApexCharts() {
    if (window.ApexCharts) return Promise.resolve();
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = new URL('lib/apexcharts/apexcharts.min.js', document.baseURI).href;
        script.onload = resolve;
        script.onerror = () => { loading = undefined; reject(new Error('apexcharts failed to load')); };
        document.head.appendChild(script);
    });
    return loading;
}

// Agent, model and key names come from API callers. ApexCharts writes legend entries and tooltip parts with
// innerHTML, so every text that can reach one goes through these formatters; its SVG texts (axis labels, the
// donut's centre) are text nodes already and get the raw name.
const htmlEntities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(value) {
    return String(value ?? '').replace(/[&<>"']/g, c => htmlEntities[c]);
}

// MudBlazor sets the palette as CSS variables; a light text colour means the dark palette is on.
function pageMode() {
    const rgb = getComputedStyle(document.body).color.match(/\d+/g)?.map(Number) ?? [0, 0, 0];
    return (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) > 128 ? 'dark' : 'light';
}

// Text colours per theme, set on every draw and update. ApexCharts keeps colours it resolved at creation (the donut's
// total is a fixed dark grey), so a chart born light and switched to dark kept dark labels on navy until a toggle:
// naming them each time makes the chart take whatever theme it is told, at birth or later.
const ink = {
    light: { text: '#374151', muted: '#4b5563', grid: '#e5e7eb' },
    dark: { text: '#e5e7eb', muted: '#cbd5e1', grid: '#374151' },
};

// Shows every step-th category label so a long axis reads as ticks, not a smear (about one per 56 px).
function labelStep(element, count) {
    const width = element?.clientWidth || 600;
    return Math.max(1, Math.ceil(count / Math.max(2, Math.floor(width / 56))));
}

function toApex(o, dotnet, element) {
    const money = new Intl.NumberFormat(o.locale, { style: 'currency', currency: 'USD' });
    // The same rule as MoneyFormat.Rounded on the server: to the cent, and a non-zero amount under a cent is "<$0.01",
    // never "$0.00" (the axis ticks, tooltips and donut total of a page of sub-cent runs must not read as nothing).
    const asDollars = v => {
        const micros = v ?? 0;
        if (micros !== 0 && Math.abs(micros) < 10000)
            return (micros < 0 ? '-' : '') + '<' + money.format(0.01);
        return money.format(micros / 1e6);
    };
    const mode = o.mode === 'auto' ? pageMode() : o.mode;
    const colours = ink[mode] ?? ink.light;
    const donut = o.kind === 'donut';
    const options = {
        chart: {
            type: donut ? 'donut' : 'bar',
            stacked: o.kind === 'stackedBar',
            height: o.height,
            background: 'transparent',
            foreColor: colours.text,
            fontFamily: 'inherit',
            toolbar: { show: false },
            animations: { enabled: false },
            events: {
                dataPointSelection: (_e, _ctx, cfg) => { dotnet.invokeMethodAsync('OnPointClickedAsync', cfg.dataPointIndex, cfg.seriesIndex); },
            },
        },
        theme: { mode },
        colors: o.colors,
        dataLabels: { enabled: false },
        // The donuts' legend is the page's own markup (it wraps instead of clipping); the bars keep ApexCharts' one.
        legend: { show: !donut, position: 'bottom', formatter: name => escapeHtml(name), labels: { colors: colours.text } },
        grid: { borderColor: colours.grid },
        tooltip: {
            theme: mode,
            x: { formatter: (category, opts) => escapeHtml(o.categories[opts?.dataPointIndex] ?? category) },
            y: { formatter: v => escapeHtml(asDollars(v)), title: { formatter: name => name ? `${escapeHtml(name)}: ` : '' } },
        },
        noData: { text: 'No usage in this range', style: { color: colours.muted } },
        states: { active: { filter: { type: 'none' } } },
    };
    if (donut) {
        options.series = o.series[0]?.values ?? [];
        options.labels = o.categories;
        options.stroke = { colors: [mode === 'dark' ? '#1f2937' : '#ffffff'] };
        options.plotOptions = { pie: { donut: { size: '68%', labels: { show: true,
            name: { color: colours.muted, fontSize: '13px', offsetY: -4 },
            value: { color: colours.text, fontSize: '18px', offsetY: 4, formatter: v => asDollars(Number(v)) },
            total: { show: true, label: 'Total', color: colours.muted, fontSize: '13px', formatter: w => asDollars(w.globals.seriesTotals.reduce((a, b) => a + b, 0)) } } } } };
    } else {
        const step = labelStep(element, o.categories.length);
        options.series = o.series.map(s => ({ name: s.name, data: s.values }));
        options.xaxis = {
            categories: o.categories,
            tooltip: { enabled: false },
            axisBorder: { color: colours.grid },
            axisTicks: { color: colours.grid },
            // i is undefined when ApexCharts measures the longest label: give it the real one.
            labels: { rotate: 0, hideOverlappingLabels: true, trim: false, style: { colors: colours.text },
                formatter: (value, _ts, opts) => opts?.i === undefined || opts.i % step === 0 ? value : '' },
        };
        options.yaxis = { labels: { formatter: asDollars, style: { colors: colours.text } } };
        options.plotOptions = { bar: { columnWidth: o.categories.length > 20 ? '85%' : '70%' } };
    }
    return options;
}

// The table twin's row buttons (written as markup by the server, each with its category's index in data-bp-row)
// narrow the page as a click on their bar or slice does. One listener on the chart, so the twin can be rewritten freely.
const rowListeners = new WeakMap();

function listenToRows(element, dotnet) {
    const chart = element.closest('.bp-chart');
    if (!chart || rowListeners.has(element)) return;
    const listener = e => {
        const button = e.target.closest?.('button[data-bp-row]');
        if (!button || !chart.contains(button)) return;
        e.stopPropagation();
        dotnet.invokeMethodAsync('OnPointClickedAsync', Number(button.dataset.bpRow), -1);
    };
    chart.addEventListener('click', listener);
    rowListeners.set(element, () => chart.removeEventListener('click', listener));
}

// The options arrive as JSON text (see BillingChart.DrawIfChangedAsync).
const parse = options => typeof options === 'string' ? JSON.parse(options) : options;

export async function render(element, json, dotnet) {
    const options = parse(json);
    // Before ApexCharts loads: the table's buttons work as soon as the circuit does.
    listenToRows(element, dotnet);
    await loadApexCharts();
    // Drawing twice on one element would stack a second chart under the first.
    destroy(element, true);
    const chart = new window.ApexCharts(element, toApex(options, dotnet, element));
    const entry = { chart, dotnet, options, mode: null };
    charts.set(element, entry);
    await chart.render();
    // What the chart was born in and is drawn in now, for tests and for a person inspecting the page.
    element.dataset.born = element.dataset.mode = options.mode === 'auto' ? pageMode() : options.mode;
    if (options.mode === 'auto') {
        // Follow the app's light/dark toggle: MudThemeProvider rewrites its style element.
        entry.mode = pageMode();
        entry.observer = new MutationObserver(records => {
            if (!records.some(r => r.target.nodeName === 'STYLE' || r.target.parentNode?.nodeName === 'STYLE')) return;
            const now = pageMode();
            if (now !== entry.mode) {
                entry.mode = now;
                chart.updateOptions(toApex(entry.options, entry.dotnet, element), true, false);
            }
        });
        entry.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    }
}

export async function update(element, json) {
    const entry = charts.get(element);
    if (!entry) return;
    const options = parse(json);
    entry.options = options;
    await entry.chart.updateOptions(toApex(options, entry.dotnet, element), true, false);
    element.dataset.mode = options.mode === 'auto' ? pageMode() : options.mode;
}

export function destroy(element, keepRows) {
    if (!keepRows) {
        rowListeners.get(element)?.();
        rowListeners.delete(element);
    }
    const entry = charts.get(element);
    if (!entry) return;
    entry.observer?.disconnect();
    entry.chart.destroy();
    charts.delete(element);
}
