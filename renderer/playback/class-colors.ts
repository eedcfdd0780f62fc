import { DETECTION_CLASSES } from '../../shared/evidence/evidence-vocabulary';

export type Rgb = readonly [number, number, number];

/**
 * One colour per DETECTION_CLASSES index, shared by the map layers and the timeline: the
 * Okabe–Ito palette (told apart with the common colour-vision deficiencies), its two dark members
 * replaced by white and grey so that every class stays visible on the dark map.
 */
export const CLASS_COLORS: readonly Rgb[] = [
  [230, 159, 0], // artillery: orange
  [240, 228, 66], // mortar: yellow
  [213, 94, 0], // mlrs: vermillion
  [86, 180, 233], // uav: sky blue
  [0, 170, 125], // vehicle: bluish green
  [204, 121, 167], // personnel: reddish purple
  [245, 245, 245], // aircraft: white
  [140, 150, 160], // unknown: grey
];

if (CLASS_COLORS.length !== DETECTION_CLASSES.length) throw new Error(`CLASS_COLORS has ${CLASS_COLORS.length} colours for ${DETECTION_CLASSES.length} detection classes`);

export function classCssColor(detectionClass: number, alpha = 1): string {
  const color = CLASS_COLORS[detectionClass];
  if (!color) throw new RangeError(`detection class ${detectionClass} has no colour`);
  const [r, g, b] = color;
  return alpha === 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
