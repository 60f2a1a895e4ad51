// The demo host page's script: frames vpclab and drives it through the postMessage API
// of docs/EMBED.md (protocol version 1). A file of its own so that the page's
// Content-Security-Policy needs no 'unsafe-inline'.
'use strict';

(function demo() {
  const frame = document.querySelector('[data-testid=embed-demo-frame]');
  const log = document.querySelector('[data-testid=embed-demo-log]');

  // vpclab's address: ?lab=<url> on this page, or the copy published beside it.
  const lab = new URL(new URLSearchParams(location.search).get('lab') || './', location.href);
  lab.searchParams.set('embed', '1');
  lab.searchParams.append('allowOrigin', location.origin);
  const labOrigin = lab.origin;
  // ?size=400x300 on this page: the frame's size (an author trying a small column).
  const size = /^(\d{3,4})x(\d{3,4})$/.exec(new URLSearchParams(location.search).get('size') || '');
  if (size) {
    frame.width = size[1];
    frame.height = size[2];
    frame.style.width = `${size[1]}px`;
    frame.style.maxWidth = 'none';
  }
  frame.src = lab.href;

  // A small scenario sent as text: one VPC, a VSwitch per zone and three instances.
  const scenario = {
    vpclab: 'scenario',
    version: 1,
    title: 'Sent by the demo host page',
    rules: 'current',
    steps: [
      { Action: 'CreateVpc', RegionId: 'cn-hangzhou', CidrBlock: '10.0.0.0/16', VpcName: 'demo', Ref: 'vpc' },
      { Action: 'CreateVSwitch', VpcId: 'vpc', ZoneId: 'cn-hangzhou-h', CidrBlock: '10.0.1.0/24', Ref: 'a' },
      { Action: 'CreateVSwitch', VpcId: 'vpc', ZoneId: 'cn-hangzhou-i', CidrBlock: '10.0.2.0/24', Ref: 'b' },
      { Action: 'RunInstances', VSwitchId: 'a', InstanceName: 'web' },
      { Action: 'RunInstances', VSwitchId: 'a', InstanceName: 'app' },
      { Action: 'RunInstances', VSwitchId: 'b', InstanceName: 'db' },
    ],
  };

  const requests = {
    loadScenario: () => ({ type: 'loadScenario', text: JSON.stringify(scenario) }),
    // A topology document published beside vpclab (the address is read relative to it).
    loadTopology: () => ({ type: 'loadTopology', url: 'embed-demo-network.json' }),
    trace: () => ({ type: 'trace', from: 'i-0001', to: 'i-0003', protocol: 'tcp', port: 22, animate: true }),
    select: () => ({ type: 'select', element: 'vsw-0002' }),
    getTopology: () => ({ type: 'getTopology' }),
  };

  let nextId = 1;

  function record(direction, message) {
    const item = document.createElement('li');
    item.dataset.direction = direction;
    if (message && typeof message.type === 'string') item.dataset.type = message.type;
    item.textContent = `${direction} ${summary(message)}`;
    log.append(item);
  }

  /** One line per message; a topology document is shortened to what it holds. */
  function summary(message) {
    if (message && message.type === 'reply' && message.topology) {
      const topology = message.topology;
      const count = (key) => (Array.isArray(topology[key]) ? topology[key].length : 0);
      return `reply #${message.id}: topology with ${count('vpcs')} VPC(s), ${count('vswitches')} VSwitch(es), ${count('instances')} instance(s)`;
    }
    return JSON.stringify(message);
  }

  function send(command) {
    const request = Object.assign({ vpclab: 'embed', version: 1, id: `demo-${nextId++}` }, requests[command]());
    record('→', request);
    frame.contentWindow.postMessage(request, labOrigin);
  }

  for (const button of document.querySelectorAll('[data-command]')) {
    button.addEventListener('click', () => send(button.dataset.command));
  }

  // Only vpclab's frame, from vpclab's origin, is listened to.
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== labOrigin) return;
    const message = event.data;
    if (!message || message.vpclab !== 'embed') return;
    record('←', message);
  });
})();
