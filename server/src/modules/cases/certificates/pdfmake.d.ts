// pdfmake 0.3 ships no types (and @types/pdfmake describes the browser build): only what pdf.ts uses.
declare module 'pdfmake' {
  const pdfmake: {
    setUrlAccessPolicy(fn: (url: string) => boolean): void;
    setLocalAccessPolicy(fn: (path: string) => boolean): void;
    setFonts(fonts: Record<string, unknown>): void;
    createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
  };
  export default pdfmake;
}
