// Puts the focus on the dark-mode button once ThemeToggle has made its tooltip: the stand-in that had it was replaced.
export function focusThemeToggle() {
    document.querySelector('[data-bp-theme-toggle]')?.focus();
}
