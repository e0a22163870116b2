import type { z } from 'astro/zod';
import { CONTACT_LIMITS, HONEYPOT_FIELD } from '#src/model/contact.ts';
import type { ContactCode } from '#src/model/codes.ts';
import { showValue, zodProblems } from '#src/model/problems.ts';
import { hasVisibleText } from '#src/model/text.ts';

/**
 * One reason a contact request was refused. `field` names the form field at fault, or is null
 * when the request as a whole was refused (too large, too many, wrong origin).
 */
export interface ContactError {
  field: string | null;
  /** Stable code from the registry, e.g. `contact-invalid-email`. */
  code: ContactCode;
  /** A full sentence for the visitor: what is wrong and what to do. */
  message: string;
}

/** What the page shown to a browser without JavaScript needs to explain a refusal. */
export interface ProblemPage {
  status: number;
  title: string;
  errors: ContactError[];
  /** What the visitor typed, when the body could be read; the form shows it again, as text. */
  values?: { name: string; email: string; message: string; page: string } | undefined;
}

/**
 * The answer to a post that filled in the honeypot. It names neither the field nor the rule, so
 * an automated sender learns nothing that gets its next post through; the rest of its answer is
 * the usual refusal (422, nothing stored), never a pretended "sent", because the endpoint says
 * "sent" only for a stored message. A person whose browser filled the hidden field in gets the
 * form back without it (the page for browsers without JavaScript never shows the honeypot's
 * value again), so sending again from there goes through.
 */
export const HONEYPOT_REFUSAL: ContactError = {
  field: null,
  code: 'contact-honeypot',
  message: 'The message could not be accepted as it was sent. Please send it again from the contact form on this site.',
};

function length(value: unknown): number {
  return typeof value === 'string' ? value.trim().length : 0;
}

/**
 * Visitor-facing sentences for the common mistakes. Anything not listed keeps the project's
 * standard problem text from `zodProblems`, which is already a full sentence with the fix.
 */
function visitorMessage(
  field: string,
  issue: z.core.$ZodIssue,
  value: unknown,
): { code: ContactCode; message: string } | undefined {
  const empty = value === undefined || (typeof value === 'string' && !hasVisibleText(value));
  if (issue.code === 'too_small' || issue.code === 'custom' || (issue.code === 'invalid_type' && value === undefined)) {
    if (field === 'name' && empty)
      return { code: 'contact-required', message: 'Please enter your name, so we know whom to answer.' };
    if (field === 'email' && empty)
      return { code: 'contact-required', message: 'Please enter your email address, so we can reply to you.' };
    if (field === 'message' && empty)
      return { code: 'contact-required', message: 'Please write your message; it is empty.' };
  }
  if (issue.code === 'too_big' && (field === 'name' || field === 'email' || field === 'message' || field === 'page')) {
    const max = CONTACT_LIMITS[field].max;
    const label = field === 'page' ? 'The page address' : field === 'email' ? 'Your email address' : `Your ${field}`;
    return {
      code: 'contact-too-long',
      message: `${label} is ${length(value)} characters long, but at most ${max} are allowed. Please shorten it${field === 'message' ? ', or split it into two messages' : ''}.`,
    };
  }
  if (field === 'email' && (issue.code === 'invalid_format' || issue.code === 'too_small')) {
    return {
      code: 'contact-invalid-email',
      message: `${showValue(typeof value === 'string' ? value.trim() : value)} is not an email address. Write it in the form name@example.org.`,
    };
  }
  if (field === 'page' && issue.code === 'invalid_format') {
    return {
      code: 'contact-invalid-page',
      message: `The page the form was sent from must be a path on this site, such as /contact/, but it is ${showValue(value)}. Send the form from a page of this site.`,
    };
  }
  return undefined;
}

/** Turns a failed parse of the contact schema into one error per field, in the project's words. */
export function contactProblems(error: z.ZodError, input: unknown): ContactError[] {
  const problems = zodProblems(error, input, 'contact-invalid');
  const out: ContactError[] = [];
  error.issues.forEach((issue, i) => {
    const problem = problems[i];
    if (!problem) return;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          field: key,
          code: 'contact-unknown-field',
          message: `The field ${showValue(key)} is not part of a contact message. Send only name, email, message and page.`,
        });
      }
      return;
    }
    const field = problem.path.split(/[.[]/)[0] || null;
    if (field === HONEYPOT_FIELD) {
      out.push(HONEYPOT_REFUSAL);
      return;
    }
    if (field === null) {
      out.push({
        field: null,
        code: 'contact-invalid-body',
        message: 'The request body must be a set of fields: name, email, message and, optionally, page.',
      });
      return;
    }
    const friendly = visitorMessage(field, issue, problem.value);
    out.push({ field, code: friendly?.code ?? problem.code, message: friendly?.message ?? problem.message });
  });
  // One message per field is enough for a person; the first is the most basic.
  const seen = new Set<string | null>();
  return out.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
}
