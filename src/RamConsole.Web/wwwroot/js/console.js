// Small helpers the interactive console calls through JS interop.
window.ramConsole = {
  // Moves keyboard focus to an element (skip link, dialogs giving focus back); the element needs tabindex="-1" if it
  // is not focusable by itself.
  focus(selector) {
    const element = document.querySelector(selector);
    if (element) element.focus();
  },
};

// Dialogs give focus back (WCAG 2.4.3): what had focus when a dialog opened gets it again when the last dialog
// closes, if it is still on the page. MudBlazor moves focus into a dialog but does not return it.
(() => {
  let opener = null;
  new MutationObserver(() => {
    const open = document.querySelector('.mud-dialog-container') !== null;
    if (open && opener === null) {
      opener = document.activeElement && document.activeElement !== document.body ? document.activeElement : undefined;
    } else if (!open && opener !== null) {
      const back = opener;
      opener = null;
      if (back && back.isConnected) setTimeout(() => back.focus(), 0);
    }
  }).observe(document.body, { childList: true, subtree: true });
})();
