/**
 * The demo keys' passphrase, shown on screen in the demo: its keys are public by construction. A
 * copy of shared/demo's constant (a test keeps them equal) so that the page does not bundle the demo's generator.
 */
export const DEMO_PASSPHRASE = 'truceline-demo';
