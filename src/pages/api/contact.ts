import type { APIRoute } from 'astro';
import { handleContact, handlePreflight, type ContactRuntime } from '#src/contact/handler.ts';
import { contactRuntime } from '#src/contact/runtime.ts';
import { contactProblemUrl } from '#src/views/urls.ts';
import type { ContactCode } from '#src/model/codes.ts';
import { AtlasError } from '#src/model/problems.ts';

/** The only on-demand route: every other page is prerendered. */
export const prerender = false;

/** A refusal the route answers itself, in the handler's shape: a summary and one `{field, code, message}`. */
const refuse = (status: number, code: ContactCode, message: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ ok: false, message, errors: [{ field: null, code, message }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

/** A bad setting or an unopenable database is the operator's to fix: log it, tell the visitor plainly. */
function withRuntime(answer: (rt: ContactRuntime) => Response | Promise<Response>): Response | Promise<Response> {
  let rt: ContactRuntime;
  try {
    rt = contactRuntime();
  } catch (error) {
    console.error(error instanceof AtlasError ? `[contact] ${error.message}` : error);
    return refuse(
      500,
      'contact-misconfigured',
      'The contact form is not set up correctly on this server, so your message was not stored. Please try again later.',
    );
  }
  return answer(rt);
}

export const POST: APIRoute = ({ request, clientAddress, locals, rewrite, url }) =>
  withRuntime((rt) =>
    handleContact(request, clientAddress, {
      ...rt,
      // A refusal for a browser without JavaScript is rendered by an on-demand page in the site's
      // layout; a fresh GET, since this request's body has been read.
      problemPage: (problem) => {
        locals.contactProblem = problem;
        return rewrite(new Request(new URL(contactProblemUrl, url), { headers: { accept: 'text/html' } }));
      },
    }),
  );

export const OPTIONS: APIRoute = ({ request }) => withRuntime((rt) => handlePreflight(request, rt));

export const ALL: APIRoute = ({ request }) =>
  refuse(
    405,
    'contact-method-not-allowed',
    `This address only accepts contact messages sent with POST, and this request used ${request.method}. Send the form from the contact page, or POST the fields name, email and message.`,
    { allow: 'POST, OPTIONS' },
  );
