import type { Font } from 'fontkit';

declare global {
  namespace PDFKit.Mixins {
    interface PDFFont {
      /**
       * pdfkit also takes a font fontkit has already parsed (PDFFontFactory.open accepts any
       * source with `layout`): parsing the TTF once per process instead of once per document
       * makes a statement 5× faster to render.
       */
      registerFont(name: string, src: Font): this;
    }
  }
}
