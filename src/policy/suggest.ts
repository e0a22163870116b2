/** The nearest-name helpers live with the model, which reports unknown keys too; the engines import them from here. */
export { closest, distance, plausible } from '#src/model/suggest.ts';
