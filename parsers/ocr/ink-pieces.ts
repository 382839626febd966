/**
 * The 8-connected pieces of a w × h grid's set pixels (the strokes of a character at 200 dpi touch
 * diagonally), each handed to `piece` as the grid indices of its pixels. `on` says which are set.
 */
export function inkPieces(w: number, h: number, on: (i: number) => boolean, piece: (pixels: number[]) => void): void {
  const seen = new Uint8Array(w * h);
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || !on(start)) continue;
    const pixels: number[] = [];
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const at = stack.pop()!;
      pixels.push(at);
      const x = at % w;
      const y = (at - x) / w;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const [nx, ny] = [x + dx, y + dy];
          const n = ny * w + nx;
          if (nx >= 0 && ny >= 0 && nx < w && ny < h && !seen[n] && on(n)) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    piece(pixels);
  }
}
