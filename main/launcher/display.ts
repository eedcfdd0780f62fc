/** Whether a window can be shown: always on macOS and Windows, on Linux only with X11 or Wayland. */
export function hasDisplay(): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']);
}
