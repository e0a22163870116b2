import { z } from 'astro/zod';
import { hasVisibleText } from './text.ts';

/**
 * Limits for each contact field. The form uses them for its `maxlength`/`required` attributes
 * and the schema below enforces them, so the page and the endpoint can never disagree.
 */
export const CONTACT_LIMITS = {
  name: { min: 1, max: 100 },
  /** RFC 5321 caps a forward path at 254 characters. */
  email: { min: 3, max: 254 },
  message: { min: 1, max: 5000 },
  page: { max: 300 },
} as const;

/** The hidden field a person leaves empty and a spam robot tends to fill. */
export const HONEYPOT_FIELD = 'website';

/** A site-relative path such as `/tools/files/read_file/`; never a full URL or `//host`. */
const PAGE_PATH = /^\/(?!\/)[^\s\\]*$/;

/**
 * One contact message as posted by the form or by a JSON client. Unknown keys are refused so a
 * misspelt field fails loudly instead of being dropped.
 */
/** A field that holds only spaces and invisible characters (zero-width spaces, say) is missing. */
const visible = { error: 'The field is empty once invisible characters are removed.' };

export const contactSchema = z.strictObject({
  name: z.string().trim().min(CONTACT_LIMITS.name.min).max(CONTACT_LIMITS.name.max).refine(hasVisibleText, visible),
  email: z.string().trim().min(CONTACT_LIMITS.email.min).max(CONTACT_LIMITS.email.max).pipe(z.email()),
  message: z
    .string()
    .trim()
    .min(CONTACT_LIMITS.message.min)
    .max(CONTACT_LIMITS.message.max)
    .refine(hasVisibleText, visible),
  /** The page the form sat on, filled in by the page itself. */
  page: z.string().trim().max(CONTACT_LIMITS.page.max).regex(PAGE_PATH).optional(),
  [HONEYPOT_FIELD]: z.literal('').optional(),
});

export type ContactMessage = z.output<typeof contactSchema>;
