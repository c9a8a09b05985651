// Reference solution: Koa's middleware composition (the "onion" model).
//
// dispatch(i) runs middleware i and hands it a `next` that is dispatch(i + 1).
// Everything a middleware does after `await next()` therefore runs once the whole
// downstream part of the stack has finished, in reverse order.

export function compose(middleware) {
  if (!Array.isArray(middleware)) {
    throw new TypeError('middleware stack must be an array');
  }
  for (const fn of middleware) {
    if (typeof fn !== 'function') {
      throw new TypeError('middleware must be composed of functions');
    }
  }

  return function composed(ctx, next) {
    // The highest position started so far, for this call only. Keeping it inside
    // `composed` (not next to `middleware`) lets the same stack serve many requests.
    let index = -1;

    function dispatch(i) {
      if (i <= index) {
        return Promise.reject(new Error('next() called multiple times'));
      }
      index = i;
      // After the last middleware comes the caller's own `next`, if any.
      const fn = i === middleware.length ? next : middleware[i];
      if (fn === undefined) return Promise.resolve();
      try {
        // Promise.resolve also accepts plain return values from sync middleware.
        return Promise.resolve(fn(ctx, () => dispatch(i + 1)));
      } catch (error) {
        // A synchronous throw must surface as a rejection, like an async one.
        return Promise.reject(error);
      }
    }

    return dispatch(0);
  };
}
