/**
 * Loads the contact form's script (send in place, errors per field) only once a visitor starts on
 * a form: most pages carry the form in their footer and most visits never use it. A form sent
 * before the script arrives is an ordinary POST, which the endpoint answers as well.
 */
for (const form of document.querySelectorAll('contact-form'))
  form.addEventListener('focusin', () => void import('./contact-form.ts'), { once: true });
