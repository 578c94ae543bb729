// Small helpers the interactive console calls through JS interop.
window.ramConsole = {
  // Moves keyboard focus to an element (skip link, dialogs giving focus back); the element needs tabindex="-1" if it
  // is not focusable by itself.
  focus(selector) {
    const element = document.querySelector(selector);
    if (element) element.focus();
  },
};
