// What every renderer gets besides its model, and the shape of one.
import type { Paint } from './paint.js';

export interface RenderContext {
  /** Colour for terminals; the identity elsewhere. */
  paint: Paint;
  /** The project root: files are shown relative to it (and SARIF locates findings from it). */
  root: string;
  /** Where the user stands: paths they typed (a spec file) are read from here. */
  cwd: string;
  /** driftwatch's own version, for outputs that name their tool (SARIF). */
  version: string;
}

/** A model in, one complete output out (a document, a page of text): the caller writes it as is. */
export type Renderer<M> = (model: M, ctx: RenderContext) => string;
