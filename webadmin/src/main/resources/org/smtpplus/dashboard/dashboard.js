// The SMTP+ dashboard (docs/dashboard.md): plain JavaScript over the documented /smtpplus/... routes, no build step.
// Every value from a route is written with textContent or as an attribute value, never parsed as HTML: a customId or
// a diagnostic holding markup shows as text. The page's Content-Security-Policy allows no inline script or style.
'use strict';

(function () {
    const API = '/smtpplus';
    const TOKEN_KEY = 'smtpplus.webadmin.token';
    const DAY_MS = 24 * 3600 * 1000;
    const MAX_ROWS = 500;
    const EVENT_TYPES = ['accepted', 'scheduled', 'sent', 'deferred', 'bounced', 'suppressed', 'unsubscribed',
        'complained', 'rejected', 'opened', 'clicked'];
    const BOUNCE_TYPES = ['hard', 'soft', 'block'];

    let token = sessionStorage.getItem(TOKEN_KEY);
    let tokenAsked = null;

    class ApiError extends Error {
        constructor(status, message) {
            super(message);
            this.status = status;
        }
    }

    // A form value the page refuses before asking any route.
    class InputError extends Error {
    }

    // ---- DOM helpers: text only ----

    function el(tag, attributes, ...children) {
        const node = document.createElement(tag);
        Object.entries(attributes || {}).forEach(([name, value]) => {
            if (value === true) {
                node.setAttribute(name, '');
            } else if (value !== false && value !== null && value !== undefined) {
                node.setAttribute(name, String(value));
            }
        });
        children.flat().forEach(child => {
            if (child !== null && child !== undefined) {
                node.append(child instanceof Node ? child : String(child));
            }
        });
        return node;
    }

    function slot(view, name) {
        return view.querySelector('[data-slot="' + name + '"]');
    }

    function fill(target, ...children) {
        target.replaceChildren(...children.flat().filter(child => child !== null && child !== undefined));
    }

    function table(caption, headers, rows, empty) {
        if (rows.length === 0) {
            return el('p', {class: 'empty'}, empty);
        }
        return el('table', {},
            el('caption', {class: 'visually-hidden'}, caption),
            el('thead', {}, el('tr', {}, headers.map(header =>
                el('th', {scope: 'col'}, header || el('span', {class: 'visually-hidden'}, 'actions'))))),
            el('tbody', {}, rows));
    }

    function card(label, value, key, detail) {
        return el('div', {class: 'card', 'data-key': key},
            el('span', {class: 'card-label'}, label),
            el('span', {class: 'card-value', 'data-value': ''}, value),
            detail ? el('span', {class: 'card-detail'}, detail) : null);
    }

    const numbers = new Intl.NumberFormat('en');

    function number(value) {
        return numbers.format(value || 0);
    }

    // Plans count a megabyte as 1,048,576 bytes (docs/api.md, accounts): so does the page.
    function bytes(count) {
        if (count < 1048576) {
            return (count / 1024).toFixed(1) + ' kB';
        }
        return (count / 1048576).toFixed(1) + ' MB';
    }

    function plural(count, word) {
        return number(count) + ' ' + word + (count === 1 ? '' : 's');
    }

    function percent(part, whole) {
        return whole > 0 ? (100 * part / whole).toFixed(2) + '%' : '–';
    }

    function when(iso) {
        return iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '';
    }

    function duration(seconds) {
        if (seconds === null || seconds === undefined) {
            return '–';
        }
        if (seconds < 60) {
            return seconds + ' s';
        }
        if (seconds < 3600) {
            return Math.round(seconds / 60) + ' min';
        }
        return (seconds / 3600).toFixed(1) + ' h';
    }

    function startOfDay(daysBack) {
        const now = new Date();
        return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - daysBack * DAY_MS);
    }

    function query(parameters) {
        const search = new URLSearchParams();
        Object.entries(parameters).forEach(([name, value]) => {
            if (value !== '' && value !== null && value !== undefined) {
                search.set(name, value);
            }
        });
        const text = search.toString();
        return text ? '?' + text : '';
    }

    // Tells what an action did; with focus, for an action whose button went away with it.
    function say(text, focus) {
        const status = document.getElementById('status');
        status.textContent = text;
        if (focus) {
            status.focus();
        }
    }

    // ---- The routes, with the token when WebAdmin asks for one ----

    async function call(path, init) {
        const options = Object.assign({cache: 'no-store', credentials: 'same-origin'}, init || {});
        options.headers = Object.assign({}, options.headers);
        const sent = token;
        if (sent) {
            options.headers.Authorization = 'Bearer ' + sent;
        }
        const response = await fetch(API + path, options);
        if (response.status === 401) {
            // A 401 to a token already replaced says nothing of the new one: try again with it.
            if (token === sent) {
                await askForToken(sent ? 'WebAdmin refused the token: paste another admin JWT.' : null);
            }
            return call(path, init);
        }
        if (!response.ok) {
            let message = response.statusText;
            try {
                message = (await response.json()).message || message;
            } catch (e) {
                // not James's error shape: the status says enough
            }
            throw new ApiError(response.status, message);
        }
        return response;
    }

    async function json(path, init) {
        const response = await call(path, init);
        return response.status === 204 ? null : response.json();
    }

    // A JWT is three base64url parts separated by dots (RFC 7519 section 7.2; the signature may be empty).
    const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

    function askForToken(reason) {
        if (tokenAsked) {
            return tokenAsked;
        }
        const form = document.getElementById('token-form');
        const input = document.getElementById('token-input');
        const why = document.getElementById('token-reason');
        why.textContent = reason || 'WebAdmin asks for a token. Paste an admin JWT; it is kept in this tab only.';
        form.hidden = false;
        input.value = '';
        input.removeAttribute('aria-invalid');
        input.focus();
        tokenAsked = new Promise(resolve => {
            form.addEventListener('submit', function submitted(event) {
                event.preventDefault();
                // A token pasted from a terminal may be wrapped over lines; a header holds none of its blanks.
                const pasted = input.value.trim().replace(/^Bearer\s+/i, '').replace(/\s+/g, '');
                if (!JWT.test(pasted)) {
                    why.textContent = 'Admin JWT: that is no token (three base64url parts separated by dots); paste it again.';
                    input.setAttribute('aria-invalid', 'true');
                    input.focus();
                    return;
                }
                token = pasted;
                sessionStorage.setItem(TOKEN_KEY, token);
                document.getElementById('token-change').hidden = false;
                form.hidden = true;
                form.removeEventListener('submit', submitted);
                tokenAsked = null;
                document.getElementById('main').focus();
                resolve();
            });
        });
        return tokenAsked;
    }

    function banner(view, error) {
        const box = view.querySelector('[data-banner]');
        if (!error) {
            box.hidden = true;
            box.replaceChildren();
            return;
        }
        const what = error instanceof InputError ? 'Check the form.'
            : error.status === 503 ? 'The SMTP+ store is unavailable (503), so this view cannot show its data now. Try again later.'
                : error.status ? 'WebAdmin answered ' + error.status + '.' : 'WebAdmin could not be reached.';
        fill(box, el('strong', {}, what), ' ', el('span', {'data-message': ''}, error.message || ''));
        box.hidden = false;
    }

    // The latest load of each view: an older one still under way must not draw over a newer one's answer.
    const generations = new Map();

    // Runs one load of a view (its loader gets a function saying whether the load is still the latest): the banner
    // tells a failure, and the data of an earlier load is cleared rather than shown under it as if current.
    async function reload(view) {
        const name = view.dataset.view;
        const generation = (generations.get(name) || 0) + 1;
        generations.set(name, generation);
        const live = () => generations.get(name) === generation;
        view.setAttribute('aria-busy', 'true');
        try {
            await loaders.get(name)(view, live);
            if (live()) {
                banner(view, null);
            }
        } catch (error) {
            if (live()) {
                view.querySelectorAll('[data-slot]').forEach(target => target.replaceChildren());
                banner(view, error);
            }
        } finally {
            if (live()) {
                view.removeAttribute('aria-busy');
                view.dataset.loaded = String(Number(view.dataset.loaded || 0) + 1);
            }
        }
    }

    async function download(path, filename) {
        const blob = await (await call(path)).blob();
        const url = URL.createObjectURL(blob);
        const link = el('a', {href: url, download: filename});
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
    }

    // ---- Overview ----

    let chart = null;

    // Cards of the size the data will have, so that nothing below them moves when it arrives.
    function placeholders(target, keys) {
        if (target.childElementCount === 0) {
            fill(target, keys.map(key => card(key, '…', key)));
        }
    }

    const MAX_DAYS = 366;
    const TOP = 10;

    // The period the form chooses, in UTC days: From and To (both included) when From is given, else the last days.
    function period(form) {
        const fromDay = form.elements.from.value;
        if (!fromDay) {
            const days = Number(form.elements.days.value);
            return {first: startOfDay(days - 1), days: days, to: new Date(Date.now() + 1000)};
        }
        const first = new Date(fromDay + 'T00:00:00Z');
        const last = form.elements.to.value ? new Date(form.elements.to.value + 'T00:00:00Z') : startOfDay(0);
        const days = Math.round((last - first) / DAY_MS) + 1;
        if (days < 1) {
            throw new InputError('To: must not be before From (' + fromDay + '), got ' + form.elements.to.value);
        }
        if (days > MAX_DAYS) {
            throw new InputError('From: at most ' + MAX_DAYS + ' days before To, got ' + days + ' days');
        }
        return {first: first, days: days, to: new Date(last.getTime() + DAY_MS)};
    }

    async function overview(view, live) {
        placeholders(slot(view, 'counts'), EVENT_TYPES);
        placeholders(slot(view, 'rates'), ['bounce rate', 'complaint rate', 'unique opens', 'unique clicks']);
        const form = view.querySelector('[data-form="overview"]');
        const range = period(form);
        const account = form.elements.account.value.trim();
        const filter = {from: range.first.toISOString(), to: range.to.toISOString(), account: account};
        const [totals, byDay, byAccount, byCustomId, byTag] = await Promise.all([
            json('/stats' + query(filter)),
            json('/stats' + query(Object.assign({groupBy: 'day'}, filter))),
            json('/stats' + query(Object.assign({groupBy: 'account', top: TOP}, filter))),
            json('/stats' + query(Object.assign({groupBy: 'customId', top: TOP}, filter))),
            json('/stats' + query(Object.assign({groupBy: 'tag', top: TOP}, filter)))]);
        if (!live()) {
            return;
        }
        const counts = totals.counts;
        fill(slot(view, 'counts'), EVENT_TYPES.map(type => card(type, number(counts[type]), type)));
        const attempts = (counts.sent || 0) + (counts.bounced || 0);
        fill(slot(view, 'rates'),
            card('bounce rate', percent(counts.bounced || 0, attempts), 'bounceRate', 'bounced ÷ (sent + bounced)'),
            card('complaint rate', percent(counts.complained || 0, counts.sent || 0), 'complaintRate', 'complained ÷ sent'),
            card('unique opens', number(counts.uniqueOpened), 'uniqueOpened'),
            card('unique clicks', number(counts.uniqueClicked), 'uniqueClicked'));
        drawChart(view, range, byDay.groups);
        fill(slot(view, 'accounts'), topTable('accounts', byAccount.groups));
        fill(slot(view, 'customIds'), topTable('customIds', byCustomId.groups));
        fill(slot(view, 'tags'), topTable('tags', byTag.groups));
    }

    // The route orders them, most events first: the page never reads every customId of a period.
    function topTable(what, groups) {
        return table('Top ' + what, ['key', 'accepted', 'sent', 'bounced'],
            groups.map(group => el('tr', {'data-key': group.key},
                el('th', {scope: 'row'}, group.key),
                ['accepted', 'sent', 'bounced'].map(type => el('td', {'data-count': type}, number(group.counts[type]))))),
            'No messages in this period.');
    }

    function drawChart(view, range, groups) {
        const target = slot(view, 'chart');
        const byKey = new Map(groups.map(group => [group.key, group.counts]));
        const xs = [];
        const series = {accepted: [], sent: [], bounced: [], deferred: []};
        for (let index = 0; index < range.days; index++) {
            const day = new Date(range.first.getTime() + index * DAY_MS);
            const counts = byKey.get(day.toISOString().slice(0, 10)) || {};
            xs.push(day.getTime() / 1000);
            Object.keys(series).forEach(type => series[type].push(counts[type] || 0));
        }
        const colors = {accepted: '#5a5a5a', sent: '#1a5fb4', bounced: '#c01c28', deferred: '#986a00'};
        const options = {
            width: Math.max(280, target.clientWidth),
            height: 240,
            // the groups are UTC days: so are the axis's dates, wherever the browser is
            tzDate: seconds => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
            scales: {x: {time: true}},
            series: [{}].concat(Object.keys(series).map(type => ({label: type, stroke: colors[type], width: 2}))),
            // ticks on whole days (one, two, a week, 30 days apart): the points are days, hours between them mean nothing
            axes: [{incrs: [DAY_MS / 1000, 2 * DAY_MS / 1000, 7 * DAY_MS / 1000, 30 * DAY_MS / 1000]}, {size: 60}],
            // the labels only: values under a cursor mean little on a day scale, and a short legend fits a phone
            legend: {live: false}
        };
        const data = [xs].concat(Object.values(series));
        if (chart) {
            chart.destroy();
        }
        target.replaceChildren();
        chart = new uPlot(options, data, target);
        view.querySelector('[data-chart-summary]').textContent = 'Totals of the period: ' + Object.keys(series).map(type =>
            type + ' ' + number(series[type].reduce((sum, value) => sum + value, 0))).join(', ') + '.';
    }

    window.addEventListener('resize', () => {
        if (chart && chart.root.isConnected) {
            const target = chart.root.parentElement;
            chart.setSize({width: Math.max(280, target.clientWidth), height: 240});
        }
    });

    // ---- Queue and scheduled batches ----

    async function queue(view, live) {
        placeholders(slot(view, 'queue'), ['queued', 'waiting for pace', 'scheduled', 'sent last hour', 'rate per minute', 'drains in']);
        const [status, scheduled] = await Promise.all([json('/queue'), json('/scheduled')]);
        if (!live()) {
            return;
        }
        fill(slot(view, 'queue'),
            card('queued', number(status.queued), 'queued'),
            card('waiting for pace', number(status.waitingForPace), 'waitingForPace'),
            card('scheduled', number(status.scheduled), 'scheduled'),
            card('sent last hour', number(status.sentLastHour), 'sentLastHour'),
            card('rate per minute', number(status.ratePerMinute), 'ratePerMinute'),
            card('drains in', duration(status.estimatedDrainSeconds), 'estimatedDrainSeconds'));
        const batches = new Map();
        scheduled.forEach(message => {
            const key = message.batchId || '';
            const batch = batches.get(key) || {batchId: message.batchId, messages: 0, recipients: 0, first: null, accounts: new Set()};
            batch.messages += 1;
            batch.recipients += Array.isArray(message.recipients) ? message.recipients.length : Number(message.recipients || 0);
            batch.first = !batch.first || message.sendAt < batch.first ? message.sendAt : batch.first;
            batch.accounts.add(message.account);
            batches.set(key, batch);
        });
        const rows = Array.from(batches.values()).map(batch => el('tr', {'data-batch': batch.batchId || ''},
            el('th', {scope: 'row'}, batch.batchId || '(no batch)'),
            el('td', {'data-count': 'messages'}, number(batch.messages)),
            el('td', {'data-count': 'recipients'}, number(batch.recipients)),
            el('td', {}, when(batch.first)),
            el('td', {}, Array.from(batch.accounts).join(', ')),
            el('td', {}, batch.batchId ? cancelButton(view, batch) : 'cancel by batch only')));
        fill(slot(view, 'batches'), table('Scheduled batches',
            ['batch', 'messages', 'recipients', 'first send', 'accounts', ''], rows, 'Nothing is scheduled.'));
    }

    // Two steps, so that a stray click or key press cancels nothing.
    function cancelButton(view, batch) {
        const cell = el('span', {class: 'confirm'});
        const ask = el('button', {type: 'button', 'data-action': 'cancel'}, 'Cancel batch');
        ask.setAttribute('aria-label', 'Cancel batch ' + batch.batchId);
        ask.addEventListener('click', () => {
            const yes = el('button', {type: 'button', class: 'danger', 'data-action': 'confirm-cancel'},
                'Cancel ' + plural(batch.messages, 'message'));
            const no = el('button', {type: 'button', 'data-action': 'keep'}, 'Keep');
            yes.addEventListener('click', async () => {
                yes.disabled = true;
                try {
                    const result = await json('/scheduled' + query({batchId: batch.batchId}), {method: 'DELETE'});
                    say('Cancelled ' + plural(result.cancelled, 'message') + ' of batch ' + batch.batchId + '.', true);
                    await reload(view);
                } catch (error) {
                    banner(view, error);
                    yes.disabled = false;
                }
            });
            no.addEventListener('click', () => {
                cell.replaceChildren(ask);
                ask.focus();
            });
            cell.replaceChildren(yes, ' ', no);
            yes.focus();
        });
        cell.append(ask);
        return cell;
    }

    // ---- Events of a recipient, message or customId ----

    async function events(view, live) {
        const form = view.querySelector('[data-form="events"]');
        const found = await json('/events' + query({
            recipient: form.elements.recipient.value.trim(),
            messageId: form.elements.messageId.value.trim(),
            customId: form.elements.customId.value.trim(),
            limit: form.elements.limit.value
        }));
        if (!live()) {
            return;
        }
        const copies = new Map();
        found.forEach(event => {
            const key = event.messageId + '\u0000' + event.recipient;
            (copies.get(key) || copies.set(key, []).get(key)).push(event);
        });
        if (copies.size === 0) {
            fill(slot(view, 'copies'), el('p', {class: 'empty'}, 'No events match.'));
            return;
        }
        fill(slot(view, 'copies'), Array.from(copies.values()).map(copyEvents => {
            const first = copyEvents[copyEvents.length - 1];
            const timeline = copyEvents.slice().reverse();
            return el('article', {class: 'copy', 'data-recipient': first.recipient},
                el('h3', {}, first.recipient),
                el('dl', {class: 'facts'},
                    el('dt', {}, 'Message-ID'), el('dd', {}, first.messageId),
                    el('dt', {}, 'account'), el('dd', {}, first.account || ''),
                    el('dt', {}, 'customId'), el('dd', {'data-field': 'customId'}, first.customId || ''),
                    el('dt', {}, 'tags'), el('dd', {}, (first.tags || []).join(', ')),
                    el('dt', {}, 'list'), el('dd', {}, first.list || '')),
                el('ol', {class: 'timeline'}, timeline.map(event => el('li', {'data-event': event.event},
                    el('time', {datetime: event.at}, when(event.at)), ' ',
                    el('strong', {}, event.event),
                    event.status ? el('span', {class: 'code'}, ' ' + event.status) : null,
                    event.diagnostic ? el('span', {class: 'diagnostic', 'data-field': 'diagnostic'}, ' ' + event.diagnostic) : null,
                    event.url ? el('span', {class: 'diagnostic'}, ' ' + event.url) : null))));
        }));
    }

    // ---- Suppressions ----

    function suppressionFilter(view) {
        const form = view.querySelector('[data-form="suppressions"]');
        return {reason: form.elements.reason.value, list: form.elements.list.value.trim()};
    }

    async function suppressions(view, live) {
        const form = view.querySelector('[data-form="suppressions"]');
        const contains = form.elements.address.value.trim().toLowerCase();
        const all = await json('/suppressions' + query(suppressionFilter(view)));
        if (!live()) {
            return;
        }
        const entries = all.filter(entry => entry.address.toLowerCase().includes(contains));
        const shown = entries.slice(0, MAX_ROWS);
        const rows = shown.map(entry => el('tr', {'data-address': entry.address},
            el('th', {scope: 'row'}, entry.address),
            el('td', {}, entry.list === null ? 'every list' : entry.list),
            el('td', {}, entry.reason),
            el('td', {}, when(entry.at)),
            el('td', {}, removeButton(view, entry))));
        fill(slot(view, 'suppressions'),
            el('p', {class: 'count', 'data-total': entries.length}, number(entries.length) + ' suppressed'
                + (entries.length > shown.length ? ', the first ' + number(shown.length) + ' shown: narrow the search or download the CSV' : '')),
            table('Suppressions', ['address', 'list', 'reason', 'since', ''], rows, 'Nobody is suppressed.'));
    }

    function removeButton(view, entry) {
        const button = el('button', {type: 'button', 'data-action': 'remove'}, 'Remove');
        button.setAttribute('aria-label', 'Remove the suppression of ' + entry.address
            + (entry.list === null ? '' : ' for list ' + entry.list));
        button.addEventListener('click', async () => {
            button.disabled = true;
            try {
                await call('/suppressions/' + encodeURIComponent(entry.address)
                    + query({list: entry.list === null ? '' : entry.list}), {method: 'DELETE'});
                say('Removed the suppression of ' + entry.address + '.', true);
                await reload(view);
            } catch (error) {
                banner(view, error);
                button.disabled = false;
            }
        });
        return button;
    }

    async function addSuppression(view) {
        const form = view.querySelector('[data-form="suppression-add"]');
        const address = form.elements.address.value.trim();
        const list = form.elements.list.value.trim();
        await call('/suppressions/' + encodeURIComponent(address) + query({list: list}), {
            method: 'PUT',
            headers: {'Content-Type': 'application/json'},
            body: JSON.stringify({reason: 'manual'})
        });
        say('Suppressed ' + address + (list ? ' for list ' + list : ' for every list') + '.');
        form.reset();
        await reload(view);
    }

    // ---- Bounces by type, reason and receiving domain ----

    function bounceFilter(view) {
        const form = view.querySelector('[data-form="bounces"]');
        return {since: startOfDay(Number(form.elements.days.value) - 1).toISOString(), account: form.elements.account.value.trim()};
    }

    function share(count, total, label) {
        return el('meter', {min: 0, max: Math.max(total, 1), value: count, 'aria-label': label}, count + ' of ' + total);
    }

    async function bounces(view, live) {
        const summary = await json('/bounces/summary' + query(bounceFilter(view)));
        if (!live()) {
            return;
        }
        fill(slot(view, 'types'), table('Bounces by type', ['type', 'bounces', 'share'],
            BOUNCE_TYPES.map(type => el('tr', {'data-key': type},
                el('th', {scope: 'row'}, type),
                el('td', {'data-count': type}, number(summary.byType[type])),
                el('td', {}, share(summary.byType[type], summary.total, type + ' share')))),
            'No bounces.'));
        const reasons = Object.entries(summary.byReason).sort((a, b) => b[1] - a[1]);
        fill(slot(view, 'reasons'), table('Bounces by reason', ['reason', 'bounces'],
            reasons.map(([reason, count]) => el('tr', {'data-key': reason},
                el('th', {scope: 'row'}, reason), el('td', {'data-count': reason}, number(count)))),
            'No bounces.'));
        fill(slot(view, 'domains'), table('Bounces by receiving domain', ['domain', 'bounces', 'hard', 'soft', 'block', 'share'],
            summary.byDomain.map(domain => el('tr', {'data-key': domain.domain},
                el('th', {scope: 'row'}, domain.domain),
                el('td', {'data-count': 'total'}, number(domain.total)),
                BOUNCE_TYPES.map(type => el('td', {'data-count': type}, number(domain[type]))),
                el('td', {}, share(domain.total, summary.total, domain.domain + ' share')))),
            'No bounces.'));
    }

    // ---- Accounts and their plans ----

    // Accounts without a plan are measured one by one; beyond these many, their usage is left out.
    const MAX_MEASURED_ONE_BY_ONE = 200;

    async function accounts(view, live) {
        const [all, measured] = await Promise.all([json('/accounts'), json('/accounts?over=0')]);
        const usage = new Map(measured.map(account => [account.name, account.usage]));
        const unmeasured = all.filter(account => !usage.has(account.name)).slice(0, MAX_MEASURED_ONE_BY_ONE);
        for (let start = 0; start < unmeasured.length; start += 8) {
            const batch = unmeasured.slice(start, start + 8);
            const usages = await Promise.all(batch.map(account =>
                json('/accounts/' + encodeURIComponent(account.name) + '/usage')));
            batch.forEach((account, index) => usage.set(account.name, usages[index]));
        }
        if (!live()) {
            return;
        }
        const rows = all.map(account => {
            const used = usage.get(account.name);
            const plan = account.plan || {};
            return el('tr', {'data-account': account.name},
                el('th', {scope: 'row'}, account.name),
                el('td', {}, plan.messagesPerMonth ? number(plan.messagesPerMonth) + ' messages' : ''),
                el('td', {}, plan.megabytesPerMonth ? number(plan.megabytesPerMonth) + ' MB' : ''),
                el('td', {'data-count': 'messages'}, used ? number(used.messages) : ''),
                el('td', {}, used ? bytes(used.bytes) : ''),
                el('td', {'data-count': 'percent'}, used && account.plan
                    ? [el('meter', {min: 0, max: 100, low: 80, high: 99, optimum: 0, value: Math.min(used.percent, 100),
                        'aria-label': account.name + ' plan used'}), ' ' + used.percent + '%']
                    : 'no plan'),
                el('td', {}, account.overage || ''),
                el('td', {}, used && used.blocked ? 'blocked until ' + when(used.resetsAt) : ''));
        });
        fill(slot(view, 'accounts'), table('Accounts',
            ['account', 'messages a month', 'volume a month', 'messages used', 'volume used', 'of the plan', 'overage', ''],
            rows, 'No account yet.'));
    }

    // ---- Sending domains and their DNS ----

    function dnsStatus(value, good) {
        return el('span', {class: 'badge ' + (!value ? 'unknown' : value === good ? 'ok' : 'bad')}, value || 'unchecked');
    }

    async function domains(view, live) {
        const all = await json('/domains');
        if (!live()) {
            return;
        }
        const rows = all.map(domain => {
            const status = domain.status || {};
            return el('tr', {'data-domain': domain.domain},
                el('th', {scope: 'row'}, domain.domain),
                el('td', {}, domain.account === null ? "(the relay's own key)" : domain.account),
                el('td', {}, domain.dkim ? domain.dkim.selector : ''),
                el('td', {'data-status': 'dkim'}, dnsStatus(status.dkim, 'ok')),
                el('td', {'data-status': 'returnPath'}, domain.returnPath, ' ', dnsStatus(status.returnPath, 'ok')),
                el('td', {'data-status': 'spf'}, dnsStatus(status.spf, 'pass')),
                el('td', {'data-status': 'dmarc'}, dnsStatus(status.dmarc, 'ok')),
                el('td', {}, when(status.checkedAt)));
        });
        fill(slot(view, 'domains'), table('Sending domains',
            ['domain', 'account', 'DKIM selector', 'DKIM', 'return path', 'SPF', 'DMARC', 'checked'],
            rows, 'No sending domain yet: register one with PUT /smtpplus/domains/{domain}.'));
    }

    // ---- Views and navigation ----

    const loaders = new Map(Object.entries({overview: overview, queue: queue, events: events,
        suppressions: suppressions, bounces: bounces, accounts: accounts, domains: domains}));

    function show(name) {
        say('');
        const view = document.querySelector('[data-view="' + name + '"]');
        document.querySelectorAll('[data-view]').forEach(section => {
            section.hidden = section !== view;
        });
        document.querySelectorAll('[data-view-link]').forEach(link => {
            if (link.dataset.viewLink === name) {
                link.setAttribute('aria-current', 'page');
            } else {
                link.removeAttribute('aria-current');
            }
        });
        document.title = view.querySelector('h2').textContent + ' · SMTP+ dashboard';
        return reload(view);
    }

    // The view the address names, if it names one.
    function named() {
        const name = location.hash.replace('#', '');
        return loaders.has(name) ? name : null;
    }

    document.querySelectorAll('[data-view]').forEach(view => {
        const name = view.dataset.view;
        view.querySelectorAll('form[data-form="' + name + '"]').forEach(form => form.addEventListener('submit', event => {
            event.preventDefault();
            reload(view);
        }));
        view.querySelectorAll('[data-action="refresh"]').forEach(button => button.addEventListener('click', () => reload(view)));
    });
    const suppressionView = document.querySelector('[data-view="suppressions"]');
    suppressionView.querySelector('[data-form="suppression-add"]').addEventListener('submit', event => {
        event.preventDefault();
        addSuppression(suppressionView).catch(error => banner(suppressionView, error));
    });
    suppressionView.querySelector('[data-action="csv"]').addEventListener('click', () =>
        download('/suppressions' + query(Object.assign({format: 'csv'}, suppressionFilter(suppressionView))), 'suppressions.csv')
            .catch(error => banner(suppressionView, error)));
    const bounceView = document.querySelector('[data-view="bounces"]');
    bounceView.querySelector('[data-action="csv"]').addEventListener('click', () =>
        download('/bounces' + query(Object.assign({format: 'csv'}, bounceFilter(bounceView))), 'bounces.csv')
            .catch(error => banner(bounceView, error)));
    // The skip link moves focus only: #main names no view.
    document.querySelector('.skip').addEventListener('click', event => {
        event.preventDefault();
        document.getElementById('main').focus();
    });
    const change = document.getElementById('token-change');
    change.hidden = !token;
    change.addEventListener('click', () => {
        token = null;
        sessionStorage.removeItem(TOKEN_KEY);
        change.hidden = true;
        askForToken('Paste the admin JWT to use from now on.').then(() => show(named() || 'overview'));
    });

    window.addEventListener('hashchange', () => {
        const name = named();
        if (name) {
            show(name);
        }
    });
    show(named() || 'overview');
}());
