// The settings page's entry point (bundled to /static/ui/settings.js).
import { render } from 'preact';
import { SettingsApp } from './settings-page.js';

render(<SettingsApp />, document.getElementById('root')!);
