// Keeps the light/dark choice where the next visit finds it: localStorage for the browser, and a cookie so the
// server renders the next page, and the charts in it, in that theme from the start.
export function saveTheme(mode) {
    const value = mode === 'dark' ? 'dark' : 'light';
    localStorage.setItem('bp-theme', value);
    const secure = location.protocol === 'https:' ? '; secure' : '';
    document.cookie = `bp-theme=${value}; path=/; max-age=31536000; samesite=lax${secure}`;
}

// Set once the circuit has rendered the layout: a sign (for people's tools and the browser tests) that the page
// answers clicks. Before it, the server-drawn page looks the same but a menu does not open yet.
export function markInteractive() {
    document.documentElement.dataset.circuit = 'up';
}
