// The first page's API requests, started as soon as index.html is parsed instead of once the app has
// loaded and started: the app takes these answers instead of asking again (src/app/core/api/first-data.ts).
// A plain script, not part of the app's bundles, so that it runs while they still download. The URLs are
// the ones the app asks for on that page, exactly as its API client writes them (a browser test checks
// that the page then makes no second request).
(function () {
  var path = location.pathname;
  var urls = [];
  if (path === '/' && !location.search) urls.push('/api/services?page=1&limit=12&sort=name', '/api/venue');
  var service = /^\/services\/([1-9]\d{0,15})$/.exec(path);
  if (service) {
    var base = '/api/services/' + service[1];
    urls.push(base, base + '/availability', base + '/sessions', base + '/ticket-types');
  }
  var answers = {};
  urls.forEach(function (url) {
    answers[url] = fetch(url, { headers: { accept: 'application/json' } });
    // An answer nobody takes must not count as an unhandled failure.
    answers[url].catch(function () {});
  });
  window.marqueeFirstData = answers;
  // The browser's first currency and date formatters cost tens of milliseconds (locale data is
  // loaded on first use): made once the placeholder toolbar is painted, while the bundles download,
  // the app's own are then made at once.
  requestAnimationFrame(function () {
    setTimeout(function () {
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(1);
      new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(0);
    });
  });
})();
