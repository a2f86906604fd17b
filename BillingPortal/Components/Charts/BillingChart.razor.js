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

function toApex(o, dotnet) {
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
    const donut = o.kind === 'donut';
    const options = {
        chart: {
            type: donut ? 'donut' : 'bar',
            stacked: o.kind === 'stackedBar',
            height: o.height,
            background: 'transparent',
            fontFamily: 'inherit',
            toolbar: { show: false },
            animations: { enabled: false },
            events: {
                dataPointSelection: (_e, _ctx, cfg) => { dotnet.invokeMethodAsync('OnPointClickedAsync', cfg.dataPointIndex, cfg.seriesIndex); },
            },
        },
        theme: { mode },
        dataLabels: { enabled: false },
        legend: { position: 'bottom', formatter: name => escapeHtml(name) },
        tooltip: {
            theme: mode,
            x: { formatter: category => escapeHtml(category) },
            y: { formatter: v => escapeHtml(asDollars(v)), title: { formatter: name => name ? `${escapeHtml(name)}: ` : '' } },
        },
        noData: { text: 'No usage in this range' },
    };
    if (donut) {
        options.series = o.series[0]?.values ?? [];
        options.labels = o.categories;
        options.plotOptions = { pie: { donut: { labels: { show: true, total: { show: true, label: 'Total', formatter: w => asDollars(w.globals.seriesTotals.reduce((a, b) => a + b, 0)) }, value: { formatter: v => asDollars(Number(v)) } } } } };
    } else {
        options.series = o.series.map(s => ({ name: s.name, data: s.values }));
        options.xaxis = { categories: o.categories, tooltip: { enabled: false, formatter: category => escapeHtml(category) } };
        options.yaxis = { labels: { formatter: asDollars } };
        options.plotOptions = { bar: { columnWidth: '70%' } };
    }
    return options;
}

export async function render(element, options, dotnet) {
    await loadApexCharts();
    // Drawing twice on one element would stack a second chart under the first.
    destroy(element);
    const chart = new window.ApexCharts(element, toApex(options, dotnet));
    const entry = { chart, dotnet, options, mode: null };
    charts.set(element, entry);
    await chart.render();
    if (options.mode === 'auto') {
        // Follow the app's light/dark toggle: MudThemeProvider rewrites its style element.
        entry.mode = pageMode();
        entry.observer = new MutationObserver(records => {
            if (!records.some(r => r.target.nodeName === 'STYLE' || r.target.parentNode?.nodeName === 'STYLE')) return;
            const now = pageMode();
            if (now !== entry.mode) {
                entry.mode = now;
                chart.updateOptions({ theme: { mode: now }, tooltip: { theme: now } });
            }
        });
        entry.observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    }
}

export async function update(element, options) {
    const entry = charts.get(element);
    if (!entry) return;
    entry.options = options;
    await entry.chart.updateOptions(toApex(options, entry.dotnet), true, false);
}

export function destroy(element) {
    const entry = charts.get(element);
    if (!entry) return;
    entry.observer?.disconnect();
    entry.chart.destroy();
    charts.delete(element);
}
