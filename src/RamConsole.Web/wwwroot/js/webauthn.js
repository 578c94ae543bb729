// WebAuthn glue: the server (Fido2) writes options as JSON; the browser's own JSON helpers turn them into
// ArrayBuffers and the result back into JSON, so no base64url code lives here.
window.ramWebAuthn = {
  async create(optionsJson) {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(optionsJson));
    const credential = await navigator.credentials.create({ publicKey });
    return JSON.stringify(credential.toJSON());
  },
  async get(optionsJson) {
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(optionsJson));
    const credential = await navigator.credentials.get({ publicKey });
    return JSON.stringify(credential.toJSON());
  },
};

// The static sign-in page: a button carrying request options fills the form's hidden field and submits it.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-webauthn-get]');
  if (!button) return;
  const form = button.closest('form');
  const error = form.querySelector('[data-webauthn-error]');
  try {
    button.disabled = true;
    form.querySelector('[data-webauthn-result]').value = await window.ramWebAuthn.get(button.dataset.webauthnGet);
    const remember = document.querySelector('[data-testid="mfa-remember"]');
    const copy = form.querySelector('[data-remember-copy]');
    if (remember && copy) copy.value = remember.checked ? 'true' : 'false';
    form.submit();
  } catch (e) {
    button.disabled = false;
    if (error) error.textContent = 'The security key did not respond (' + e.name + '). Try again.';
  }
});
