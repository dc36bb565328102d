import { pictureSrcset } from './service-picture';

describe('pictureSrcset', () => {
  const image = { alt: 'Stage', small: '/media/a-400.webp', medium: '/media/a-800.webp', large: '/media/a-1600.webp' };

  it('names each rendition by its width', () => {
    expect(pictureSrcset({ ...image, width: 1600, height: 900 })).toBe(
      '/media/a-400.webp 400w, /media/a-800.webp 800w, /media/a-1600.webp 1600w',
    );
  });

  it('gives a narrow upload its real widths (the API never enlarges it)', () => {
    expect(pictureSrcset({ ...image, width: 600, height: 300 })).toBe(
      '/media/a-400.webp 400w, /media/a-800.webp 600w, /media/a-1600.webp 600w',
    );
  });
});
