using System.Collections.Concurrent;
using System.Reflection;

namespace CommerceConnector.Core.Storage.Records
{
    /// <summary>
    /// Whether two storage records of one type hold the same values, property by property over the record's properties
    /// (the schema, as <see cref="RecordCopier"/> copies them): strings ordinally, lists of records element by element,
    /// times to the microsecond (what PostgreSQL keeps of a time, so a row read back from it equals the row written).
    /// </summary>
    /// <remarks>
    /// This is how <see cref="RegistrySnapshot"/> tells which rows a change touched. It replaced serializing every row to
    /// JSON before and after each change: same verdicts, no text, and at 2,000 rows under a millisecond instead of
    /// about ten milliseconds. Typed open-instance getters are made once per record type, as the copier's are.
    /// </remarks>
    internal static class RecordComparer
    {
        private static readonly ConcurrentDictionary<Type, IComparison> ByType = new ConcurrentDictionary<Type, IComparison>();
        private static readonly Func<Type, IComparison> Build = For;

        /// <summary>Both null, or both records of one type with equal values.</summary>
        public static bool Equal(object? a, object? b)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }
            if (a == null || b == null || a.GetType() != b.GetType())
            {
                return false;
            }
            return ByType.GetOrAdd(a.GetType(), Build).Equal(a, b);
        }

        private static IComparison For(Type record)
        {
            if (!typeof(IStorageRecord).IsAssignableFrom(record))
            {
                throw new ArgumentException($"{record.Name} is not a storage record.", nameof(record));
            }
            return new RecordComparison(record.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(Property).ToArray());
        }

        private static IComparison Property(PropertyInfo property)
        {
            Type type = property.PropertyType;
            Type comparison = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)
                ? typeof(ListComparison<,>).MakeGenericType(property.DeclaringType, type.GetGenericArguments()[0])
                : typeof(ValueComparison<,>).MakeGenericType(property.DeclaringType, type);
            return (IComparison)Activator.CreateInstance(comparison, property.GetGetMethod());
        }

        private interface IComparison
        {
            bool Equal(object a, object b);
        }

        private sealed class RecordComparison : IComparison
        {
            private readonly IComparison[] _properties;

            public RecordComparison(IComparison[] properties)
            {
                _properties = properties;
            }

            public bool Equal(object a, object b)
            {
                foreach (var property in _properties)
                {
                    if (!property.Equal(a, b))
                    {
                        return false;
                    }
                }
                return true;
            }
        }

        private sealed class ValueComparison<TRecord, TValue> : IComparison
        {
            private static readonly IEqualityComparer<TValue> Comparer = MicrosecondTimes.Instance as IEqualityComparer<TValue> ?? EqualityComparer<TValue>.Default;
            private readonly Func<TRecord, TValue> _get;

            public ValueComparison(MethodInfo get)
            {
                _get = (Func<TRecord, TValue>)Delegate.CreateDelegate(typeof(Func<TRecord, TValue>), get);
            }

            public bool Equal(object a, object b) => Comparer.Equals(_get((TRecord)a), _get((TRecord)b));
        }

        private sealed class ListComparison<TRecord, TItem> : IComparison
        {
            private readonly Func<TRecord, List<TItem>> _get;

            public ListComparison(MethodInfo get)
            {
                _get = (Func<TRecord, List<TItem>>)Delegate.CreateDelegate(typeof(Func<TRecord, List<TItem>>), get);
            }

            public bool Equal(object a, object b)
            {
                List<TItem> x = _get((TRecord)a), y = _get((TRecord)b);
                if (ReferenceEquals(x, y))
                {
                    return true;
                }
                if (x == null || y == null || x.Count != y.Count)
                {
                    return false;
                }
                for (int i = 0; i < x.Count; i++)
                {
                    if (!RecordComparer.Equal(x[i], y[i]))
                    {
                        return false;
                    }
                }
                return true;
            }
        }

        private sealed class MicrosecondTimes : IEqualityComparer<DateTimeOffset>, IEqualityComparer<DateTimeOffset?>
        {
            public static readonly MicrosecondTimes Instance = new MicrosecondTimes();

            public bool Equals(DateTimeOffset x, DateTimeOffset y) => x.UtcTicks / 10 == y.UtcTicks / 10;

            public bool Equals(DateTimeOffset? x, DateTimeOffset? y) => x.HasValue ? y.HasValue && Equals(x.Value, y.Value) : !y.HasValue;

            public int GetHashCode(DateTimeOffset value) => (value.UtcTicks / 10).GetHashCode();

            public int GetHashCode(DateTimeOffset? value) => value.HasValue ? GetHashCode(value.Value) : 0;
        }
    }
}
