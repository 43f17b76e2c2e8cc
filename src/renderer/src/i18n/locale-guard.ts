// Imported first by the renderer entry, so that it runs before uPlot (or anything else) reads
// navigator.language: see locale.ts.
import { guardNavigatorLanguage } from './locale';

guardNavigatorLanguage();
