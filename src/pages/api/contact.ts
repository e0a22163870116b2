import type { APIRoute } from 'astro';
import { handleContact, handlePreflight } from '../../contact/handler.ts';
import { contactRuntime } from '../../contact/runtime.ts';

/** The only on-demand route: every other page is prerendered. */
export const prerender = false;

export const POST: APIRoute = ({ request, clientAddress }) => handleContact(request, clientAddress, contactRuntime());

export const OPTIONS: APIRoute = ({ request }) => handlePreflight(request, contactRuntime());

export const ALL: APIRoute = () =>
  new Response(JSON.stringify({ ok: false, message: 'This address only accepts contact messages sent with POST.' }), {
    status: 405,
    headers: { allow: 'POST, OPTIONS', 'content-type': 'application/json; charset=utf-8' },
  });
