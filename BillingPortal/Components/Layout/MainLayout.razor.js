// Keeps the light/dark choice where the next visit finds it: localStorage for the browser, and a cookie so the
// server renders the next page, and the charts in it, in that theme from the start.
export function saveTheme(mode) {
    const value = mode === 'dark' ? 'dark' : 'light';
    localStorage.setItem('bp-theme', value);
    const secure = location.protocol === 'https:' ? '; secure' : '';
    document.cookie = `bp-theme=${value}; path=/; max-age=31536000; samesite=lax${secure}`;
}
