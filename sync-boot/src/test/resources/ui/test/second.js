// A second test view, static: switching to it must stop the demo view's polling.
import { registerView, h } from '/ui/app.js';

registerView('second', {
  render(element) {
    element.append(h('p', { id: 'second-text', text: 'The second view.' }));
  },
});
