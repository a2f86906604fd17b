// Puts the focus on a menu's button once AppBarMenu has made the menu: the stand-in that had it was replaced.
export function focusActivator(key) {
    document.querySelector(`[data-bp-menu="${CSS.escape(key)}"] > button`)?.focus();
}
