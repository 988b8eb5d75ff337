package dev.switchboard.gateway.routing;

import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * One route predicate's answer for one request: read as soon as the predicate gives it,
 * which for the predicates of Spring Cloud Gateway (Path, Method, Host…) is while it is
 * subscribed to, else awaited. As in Spring Cloud Gateway's own lookup, the first value
 * is the answer and no value at all means no match.
 */
final class RouteAnswer implements CoreSubscriber<Boolean> {

	private final @Nullable ContextView context;

	private @Nullable Subscription subscription;

	private boolean given;

	private boolean matched;

	private @Nullable Throwable error;

	private Sinks.@Nullable One<Boolean> later;

	private RouteAnswer(@Nullable ContextView context) {
		this.context = context;
	}

	/**
	 * Subscribes to a predicate's answer: a scalar one ({@code Mono.just}) is read
	 * without a subscription.
	 * @param answer what the predicate returned
	 * @param context the request's Reactor context, for a predicate that reads it
	 * @return the answer, given or to come
	 */
	@SuppressWarnings("unchecked")
	static RouteAnswer of(Publisher<Boolean> answer, @Nullable ContextView context) {
		RouteAnswer result = new RouteAnswer(context);
		if (answer instanceof Callable<?> scalar) {
			try {
				result.answer(Boolean.TRUE.equals(((Callable<Boolean>) scalar).call()), null);
			}
			catch (Throwable ex) {
				result.onError(ex);
			}
			return result;
		}
		answer.subscribe(result);
		return result;
	}

	/**
	 * Whether the answer is there (a match, no match or an error).
	 * @return true once given
	 */
	synchronized boolean given() {
		return this.given;
	}

	/**
	 * Whether the route matches, once the answer is given.
	 * @return true for a match; false for no match, a failed predicate or no answer yet
	 */
	synchronized boolean matched() {
		return this.matched;
	}

	/**
	 * The predicate's failure, once the answer is given.
	 * @return the error the predicate answered with, or null
	 */
	synchronized @Nullable Throwable error() {
		return this.error;
	}

	/**
	 * The answer, whenever it is given.
	 * @return whether the route matches, or the predicate's error
	 */
	synchronized Mono<Boolean> later() {
		if (this.given) {
			return (this.error != null) ? Mono.error(this.error) : Mono.just(this.matched);
		}
		Sinks.One<Boolean> sink = Sinks.one();
		this.later = sink;
		return sink.asMono();
	}

	@Override
	public Context currentContext() {
		return (this.context != null) ? Context.of(this.context) : Context.empty();
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		synchronized (this) {
			this.subscription = subscription;
		}
		subscription.request(1);
	}

	@Override
	public void onNext(Boolean value) {
		Subscription subscription;
		synchronized (this) {
			if (this.given) {
				return;
			}
			subscription = this.subscription;
		}
		// the first value answers: a publisher of several is told that is enough
		answer(Boolean.TRUE.equals(value), null);
		if (subscription != null) {
			subscription.cancel();
		}
	}

	@Override
	public void onError(Throwable ex) {
		answer(false, ex);
	}

	@Override
	public void onComplete() {
		answer(false, null);
	}

	/**
	 * Takes the first answer, and hands it on to whoever waits for it.
	 */
	private void answer(boolean matched, @Nullable Throwable error) {
		Sinks.One<Boolean> sink;
		synchronized (this) {
			if (this.given) {
				return;
			}
			this.given = true;
			this.matched = matched;
			this.error = error;
			sink = this.later;
		}
		if (sink != null) {
			if (error != null) {
				sink.tryEmitError(error);
			}
			else {
				sink.tryEmitValue(matched);
			}
		}
	}

}
